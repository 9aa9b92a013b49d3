package io.strata.adapters.web.segmentation;

import io.strata.application.segmentation.MigrationView;
import io.strata.application.segmentation.SegmentationRunView;
import io.strata.application.segmentation.StoredSegmentation;
import io.strata.domain.segmentation.Basis;
import io.strata.domain.segmentation.GeneralSegmentation;
import io.strata.domain.segmentation.LifecycleBasis;
import io.strata.domain.segmentation.RfmBasis;
import io.strata.domain.segmentation.Segment;
import io.strata.domain.segmentation.SegmentSummary;
import io.strata.domain.segmentation.SegmentationTemplate;
import io.strata.domain.segmentation.TierBasis;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the segmentation API. */
final class SegmentationBodies {

    private SegmentationBodies() {
    }

    record SegmentBody(String key, String name, int rank, String description, String goal) {
        static SegmentBody of(Segment s) {
            return new SegmentBody(s.key(), s.name(), s.rank(), s.description(), s.goal());
        }
    }

    record TemplateBody(String key, String name, String description, String basis, List<SegmentBody> segments) {
        static TemplateBody of(SegmentationTemplate t) {
            return new TemplateBody(t.key(), t.name(), t.description(), basisName(t.definition().basis()), segmentsOf(t.definition()));
        }
    }

    /**
     * {@code definition} is the full definition document: POST it back (changed) to create a variant. {@code newerVersion}
     * is the id of the version an edit made from this one (null: none, this is the newest of its line); an edit sent with
     * this one's old ETag is refused, and the change belongs on that one (or the newest after it).
     */
    record SegmentationBody(long id, String name, String status, int version, String template, String basis,
                            List<SegmentBody> segments, Instant createdAt, Instant activatedAt, boolean hasRuns,
                            @Schema(description = "The id of the version an edit made from this one; null when none was: this is the newest"
                                    + " of its line. An edit sent with an ETag read before that version was made is refused (412): GET that"
                                    + " version (and its newerVersion, until null) and make the change there", nullable = true)
                            Long newerVersion,
                            @JsonRawValue String definition) {
        static SegmentationBody of(StoredSegmentation s, String document) {
            return new SegmentationBody(s.id(), s.definition().name(), s.status().name(), s.version(), s.template(),
                    basisName(s.definition().basis()), segmentsOf(s.definition()), s.createdAt(), s.activatedAt(), s.hasRuns(),
                    s.newerVersion(), document);
        }
    }

    /**
     * Either {@code template} (a built-in one, optionally with adjusted {@code goals}) or {@code definition}, a full
     * definition document as GET /api/v1/segmentations/{id} shows it.
     */
    record CreateSegmentation(
            @Schema(maxLength = GeneralSegmentation.MAX_NAME_LENGTH, description = "The segmentation's name: at most "
                    + GeneralSegmentation.MAX_NAME_LENGTH + " characters (Unicode code points: an emoji counts as one)")
            String name,
            String template, Map<String, String> goals, JsonNode definition) {
    }

    /**
     * Edits a segmentation's name and its segments' goals, or replaces the whole definition with {@code definition}
     * (a document as GET /api/v1/segmentations/{id} shows it: segments, ranks, basis, boundaries).
     */
    record EditSegmentation(
            @Schema(maxLength = GeneralSegmentation.MAX_NAME_LENGTH, description = "The segmentation's name: at most "
                    + GeneralSegmentation.MAX_NAME_LENGTH + " characters (Unicode code points: an emoji counts as one)")
            String name,
            Map<String, String> goals, JsonNode definition) {
    }

    record StartRun(LocalDate asOf) {
    }

    record SegmentResult(String key, String name, int rank, long customers, BigDecimal revenue, long orders, BigDecimal shareOfCustomers,
                         BigDecimal shareOfRevenue, BigDecimal averageOrderValue, BigDecimal averageFrequency, boolean small) {
        static SegmentResult of(SegmentSummary s) {
            return new SegmentResult(s.key(), s.name(), s.rank(), s.customers(), s.revenue(), s.orders(), s.shareOfCustomers(),
                    s.shareOfRevenue(), s.averageOrderValue(), s.averageFrequency(), s.small());
        }
    }

    record RunBody(long runId, String status, LocalDate asOf, Long customers, List<SegmentResult> segments, long segmentationId,
                   String segmentationName, Instant startedAt, Instant finishedAt, String error) {
        static RunBody of(SegmentationRunView run) {
            return new RunBody(run.runId(), run.status().name(), run.asOf(), run.customers(),
                    run.segments().stream().map(SegmentResult::of).toList(), run.segmentationId(), run.segmentationName(),
                    run.startedAt(), run.finishedAt(), run.error());
        }
    }

    /** {@code counts} is from (earlier run) × to (later run); {@code newCustomers} counts those absent from the earlier run. */
    record MigrationBody(long fromRunId, long toRunId, List<String> segments, Map<String, Map<String, Long>> counts,
                         Map<String, Long> newCustomers, long movedUp, long movedDown, long stayed) {
        static MigrationBody of(MigrationView m) {
            return new MigrationBody(m.fromRunId(), m.toRunId(), m.segmentKeys(), m.counts(), m.newcomers(), m.movedUp(), m.movedDown(), m.stayed());
        }
    }

    static String basisName(Basis basis) {
        return basis.accept(new Basis.Visitor<>() {
            @Override
            public String rfm(RfmBasis rfm) {
                return "rfm";
            }

            @Override
            public String tiers(TierBasis tiers) {
                return "tiers";
            }

            @Override
            public String lifecycle(LifecycleBasis lifecycle) {
                return "lifecycle";
            }
        });
    }

    static List<SegmentBody> segmentsOf(GeneralSegmentation definition) {
        return definition.segmentsByRank().stream().map(SegmentBody::of).toList();
    }
}
