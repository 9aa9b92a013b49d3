package io.strata.application.tactical.port.in;

import io.strata.application.tactical.Preview;
import io.strata.application.tactical.TacticalSegmentView;
import io.strata.application.tactical.CreateTacticalSegment;
import io.strata.application.tactical.port.out.TacticalMembership;
import io.strata.application.tactical.StoredTacticalSegment;
import io.strata.domain.rule.FieldCatalogue;

import java.util.List;
import java.util.function.Consumer;

/** In-port: tactical segments inside general segments, written as rules. */
public interface ManageTacticalSegments {

    /** Checks the rule against the field catalogue (RuleError with positions when wrong) and the parent against the active segmentation. */
    StoredTacticalSegment create(CreateTacticalSegment command);

    List<TacticalSegmentView> tacticalSegments();

    /**
     * The newest version of each tactical segment with its size in the latest run, in the order of those versions' ids:
     * those inside {@code parentSegment} ({@code null}: any). The pages that offer or find tactical segments use it; an
     * archived version appears only as the newest of its segment (archived by hand).
     */
    List<TacticalSegmentView> newestOfEach(String parentSegment);

    /** The tactical segment (any version, archived too) of that id, if there is one. */
    java.util.Optional<StoredTacticalSegment> find(long id);

    /** Every version, in id order (oldest first), after {@code after} ({@code null}: from the first), at most {@code limit}. */
    List<TacticalSegmentView> tacticalSegments(Long after, int limit);

    /**
     * Each tactical segment once: its newest version and how many it has, newest first, those whose newest version's id
     * is below {@code before} ({@code null}: from the newest), at most {@code limit}.
     */
    List<io.strata.application.tactical.TacticalSegmentLine> currentTacticalSegments(Long before, int limit);

    /** The versions of the segment {@code id} is a version of, newest first, below {@code before}, at most {@code limit}. */
    List<StoredTacticalSegment> versions(long id, Long before, int limit);

    TacticalSegmentView tacticalSegment(long id);

    TacticalSegmentView archive(long id);

    /** Count and sample of the parent's customers matching the rule in the latest completed run, windows ending today. */
    Preview preview(String parentSegment, String rule, int sampleSize);

    /** Members as of the latest completed run, in customer id order. */
    void members(long id, Consumer<String> customerIds);

    FieldCatalogue catalogue();

    /** The tactical segments a customer belongs to in the latest completed run. */
    List<StoredTacticalSegment> segmentsOf(String customerId);

    /**
     * A changed rule, name or hypothesis as a new version: a new tactical segment with the changes (checked as on create),
     * and the old one archived, so that campaigns that used it stay explained by the rule they used.
     */
    StoredTacticalSegment revise(long id, CreateTacticalSegment command);

    /** Members as of the latest completed run, in customer id order, at most {@code limit}. */
    List<String> firstMembers(long id, int limit);

    /** Its size and share of the parent in every completed run that computed it, oldest first. */
    List<io.strata.application.tactical.TacticalRunShare> shareOverRuns(long id);
}
