package io.strata.application.segmentation;

public record AssignmentRow(String customerId, String segment, Integer r, Integer f, Integer m, Integer recencyDays, int frequency,
                     java.math.BigDecimal monetary) {
}
