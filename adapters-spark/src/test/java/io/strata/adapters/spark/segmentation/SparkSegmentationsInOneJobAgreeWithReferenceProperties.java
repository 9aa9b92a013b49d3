package io.strata.adapters.spark.segmentation;

import io.strata.adapters.spark.testing.PopulationRows;
import io.strata.domain.history.CustomerHistory;
import io.strata.domain.rule.RuleConditions;
import io.strata.domain.segmentation.Assignment;
import io.strata.domain.segmentation.GeneralSegmentation;
import io.strata.domain.segmentation.SegmentationArbitraries;
import io.strata.domain.segmentation.SegmentationReference;
import io.strata.domain.segmentation.SegmentationResult;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static io.strata.adapters.spark.segmentation.SparkAgreesWithReferenceProperties.LIFECYCLE_CATALOGUE;
import static io.strata.adapters.spark.segmentation.SparkAgreesWithReferenceProperties.row;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every general segmentation the Spark compiler ({@link AssignmentQuery}) makes assigns every customer as the domain's
 * reference does: segment, scores, recency, frequency, monetary. Where the PostgreSQL properties run 350 tries of one
 * segmentation on up to 40 customers, a Spark job costs seconds, so each try here puts eight segmentations of every
 * kind (RFM on monetary and on product breadth, fixed and quantile tiers on every metric, lifecycles) into one job over
 * up to 120 customers of the same generators (ties in every metric, zero and negative totals, customers without
 * orders, purchases on UTC day edges stamped at offsets from -12:00 to +14:00). Runs in the far-from-utc execution
 * (JVM at UTC+14): a compiled query or session that took its days from the JVM's zone would disagree.
 */
class SparkSegmentationsInOneJobAgreeWithReferenceProperties {

    static final int SEGMENTATIONS_PER_JOB = 8;
    static final int MAX_CUSTOMERS = 120;

    /** Every kind of segmentation (RFM, tiers, lifecycles), several per job. */
    @Provide
    Arbitrary<List<GeneralSegmentation>> segmentationsPerJob() {
        return SegmentationArbitraries.segmentations().list().ofSize(SEGMENTATIONS_PER_JOB);
    }

    @Provide
    Arbitrary<List<CustomerHistory>> largerPopulations() {
        return SegmentationArbitraries.populations(MAX_CUSTOMERS);
    }

    /** 6 tries: 48 segmentations, each on up to three times the PostgreSQL properties' customers per try. */
    @Property(tries = 6)
    void eachOfEightSegmentationsCompiledIntoOneSparkJobAssignsEveryCustomerAsTheReference(
            @ForAll("segmentationsPerJob") List<GeneralSegmentation> segmentations,
            @ForAll("largerPopulations") List<CustomerHistory> population) throws SQLException {
        PopulationRows.load(population, SegmentationArbitraries.AS_OF);

        List<Map<String, String>> actual = SegmentationsInOneJob.assign(segmentations, SegmentationArbitraries.AS_OF, LIFECYCLE_CATALOGUE);

        SegmentationReference reference = new SegmentationReference(new RuleConditions(LIFECYCLE_CATALOGUE));
        for (int i = 0; i < segmentations.size(); i++) {
            GeneralSegmentation segmentation = segmentations.get(i);
            SegmentationResult expected = reference.run(segmentation, SegmentationArbitraries.AS_OF, population);
            assertThat(actual.get(i)).as("segmentation %d (%s)", i, segmentation.basis()).hasSize(population.size());
            for (Assignment a : expected.assignments()) {
                assertThat(actual.get(i).get(a.customerId().value())).as("segmentation %d (%s), customer %s", i, segmentation.basis(),
                        a.customerId()).isEqualTo(row(a));
            }
        }
    }

}
