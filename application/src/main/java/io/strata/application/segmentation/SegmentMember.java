package io.strata.application.segmentation;

public record SegmentMember(long key, String customerId, String email, String city, Integer r, Integer f, Integer m, Integer recencyDays,
                     int frequency, java.math.BigDecimal monetary) {
}
