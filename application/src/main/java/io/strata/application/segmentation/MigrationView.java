package io.strata.application.segmentation;

import java.util.List;
import java.util.Map;

/**
 * How customers moved between two runs: counts from × to (ranks ordered), plus newcomers (in the later run only),
 * gone (in the earlier run only, per segment they left, e.g. erased), up, down, stayed.
 */
public record MigrationView(long fromRunId, long toRunId, List<String> segmentKeys, Map<String, Map<String, Long>> counts,
                            Map<String, Long> newcomers, Map<String, Long> gone, long movedUp, long movedDown, long stayed) {
}
