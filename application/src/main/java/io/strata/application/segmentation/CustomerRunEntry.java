package io.strata.application.segmentation;

import java.time.LocalDate;

public record CustomerRunEntry(long runId, LocalDate asOf, long segmentationId, String segmentationName, String segment, String segmentName,
                        Integer r, Integer f, Integer m, Integer recencyDays, int frequency, java.math.BigDecimal monetary) {
}
