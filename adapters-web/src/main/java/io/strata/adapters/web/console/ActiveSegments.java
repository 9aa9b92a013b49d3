package io.strata.adapters.web.console;

import io.strata.application.segmentation.DefinitionStatus;
import io.strata.application.segmentation.ManageSegmentations;
import io.strata.domain.segmentation.Segment;

import java.util.List;

/** The segments of the active general segmentation, less to more valuable: what tactical segments and campaigns are planned in. */
final class ActiveSegments {

    private ActiveSegments() {
    }

    static List<Segment> of(ManageSegmentations segmentations) {
        return segmentations.segmentations().stream().filter(s -> s.status() == DefinitionStatus.ACTIVE).findFirst()
                .map(s -> s.definition().segmentsByRank()).orElse(List.of());
    }
}
