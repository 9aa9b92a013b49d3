package io.strata.application.tactical;

import java.util.List;

public record Preview(long matching, long parentCustomers, List<String> sample) {
}
