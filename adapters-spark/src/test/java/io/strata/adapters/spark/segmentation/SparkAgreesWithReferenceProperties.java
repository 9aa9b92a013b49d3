package io.strata.adapters.spark.segmentation;

import io.strata.adapters.persistence.segmentation.JdbcSegmentationRuns;
import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.adapters.persistence.work.WorkClaims;
import io.strata.adapters.spark.sink.RunTables;
import io.strata.adapters.spark.source.JdbcFacts;
import io.strata.adapters.spark.testing.LocalSpark;
import io.strata.adapters.spark.testing.PopulationRows;
import io.strata.domain.customer.FieldType;
import io.strata.domain.history.CustomerHistory;
import io.strata.domain.rule.FieldCatalogue;
import io.strata.domain.rule.RuleConditions;
import io.strata.domain.segmentation.Assignment;
import io.strata.domain.segmentation.GeneralSegmentation;
import io.strata.domain.segmentation.SegmentSummary;
import io.strata.domain.segmentation.SegmentationArbitraries;
import io.strata.domain.segmentation.SegmentationReference;
import io.strata.domain.segmentation.SegmentationResult;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Spark engine and the domain's reference evaluator agree, customer by customer and segment by segment, on the
 * generators that hold the PostgreSQL engine to the reference (SegmentationArbitraries: ties in every metric, zero and
 * negative totals, customers without orders, purchases at UTC day boundaries and far from UTC, orders after the as-of
 * day; RFM, product-breadth, fixed and quantile tiers on every metric, lifecycles), through the whole engine:
 * partitioned JDBC reads, the sink, the summary the console reads. A Spark job costs seconds even on 40 customers, so
 * these run few tries; the compiler's meaning is held to the reference by many more segmentations per job in
 * {@link SparkSegmentationsInOneJobAgreeWithReferenceProperties}.
 */
class SparkAgreesWithReferenceProperties {

    static final FieldCatalogue LIFECYCLE_CATALOGUE = new FieldCatalogue(Map.of("plan", FieldType.TEXT),
            Map.of("payment", Set.of(), "session", Set.of(), "signup", Set.of(), "email_open", Set.of()));

    @Provide
    Arbitrary<GeneralSegmentation> segmentations() {
        return SegmentationArbitraries.segmentationsWithoutRules();
    }

    @Provide
    Arbitrary<GeneralSegmentation> lifecycles() {
        return SegmentationArbitraries.lifecycleSegmentations();
    }

    @Provide
    Arbitrary<List<CustomerHistory>> populations() {
        return SegmentationArbitraries.populations();
    }

    /** "segment r f m recency frequency monetary", as the reference assigns a customer. */
    static String row(Assignment a) {
        return a.segmentKey() + " " + a.r() + " " + a.f() + " " + a.m() + " " + a.metrics().recencyDays() + " "
                + a.metrics().frequency() + " " + a.metrics().monetary().stripTrailingZeros().toPlainString();
    }

    @Property(tries = 6)
    void everyCustomerGetsTheSameSegmentScoresAndMetricsFromSparkAsFromTheReference(
            @ForAll("segmentations") GeneralSegmentation segmentation, @ForAll("populations") List<CustomerHistory> population) throws SQLException {
        SegmentationResult expected = SegmentationReference.withoutConditions().run(segmentation, SegmentationArbitraries.AS_OF, population);

        Map<String, String> actual = runOnSpark(segmentation, population, FieldCatalogue.builtInOnly());

        assertThat(actual).hasSize(population.size());
        for (Assignment a : expected.assignments()) {
            assertThat(actual.get(a.customerId().value())).as("customer %s", a.customerId()).isEqualTo(row(a));
        }
        assertSameSummaries(expected);
    }

    @Property(tries = 3)
    void lifecycleStagesCompiledToSparkAssignEveryCustomerAsTheReferenceWithTheRuleEngineDoes(
            @ForAll("lifecycles") GeneralSegmentation segmentation, @ForAll("populations") List<CustomerHistory> population) throws SQLException {
        SegmentationResult expected = new SegmentationReference(new RuleConditions(LIFECYCLE_CATALOGUE))
                .run(segmentation, SegmentationArbitraries.AS_OF, population);

        Map<String, String> actual = runOnSpark(segmentation, population, LIFECYCLE_CATALOGUE);

        assertThat(actual).hasSize(population.size());
        for (Assignment a : expected.assignments()) {
            assertThat(actual.get(a.customerId().value()).split(" ")[0]).as("customer %s", a.customerId()).isEqualTo(a.segmentKey());
        }
        assertSameSummaries(expected);
    }

    static Map<String, String> runOnSpark(GeneralSegmentation segmentation, List<CustomerHistory> population, FieldCatalogue catalogue)
            throws SQLException {
        PopulationRows.load(population, SegmentationArbitraries.AS_OF);
        SparkSegmentationEngine engine = new SparkSegmentationEngine(LocalSpark::forRun, new JdbcFacts(LocalSpark.database(), 2),
                new RunTables(LocalSpark.database()), () -> catalogue);
        long assigned = engine.assign(PopulationRows.RUN, segmentation, SegmentationArbitraries.AS_OF);
        assertThat(assigned).isEqualTo(population.size());
        return stored();
    }

    /** customer id → "segment r f m recency frequency monetary" as the run's table holds it. */
    static Map<String, String> stored() throws SQLException {
        Map<String, String> rows = new HashMap<>();
        try (Connection c = TestDatabase.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select c.customer_id, a.segment_key, a.r, a.f, a.m, a.recency_days, a.frequency, a.monetary "
                     + "from run_assignments a join customers c using (customer_key) where a.run_id = " + PopulationRows.RUN)) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getString(2) + " " + rs.getObject(3) + " " + rs.getObject(4) + " " + rs.getObject(5) + " "
                        + rs.getObject(6) + " " + rs.getInt(7) + " " + rs.getBigDecimal(8).stripTrailingZeros().toPlainString());
            }
        }
        return rows;
    }

    /** The run's summary as the console reads it (through the runs adapter) equals the reference's, segment by segment. */
    private static void assertSameSummaries(SegmentationResult expected) {
        JdbcSegmentationRuns runs = new JdbcSegmentationRuns(JdbcClient.create(TestDatabase.dataSource()), new WorkClaims(TestDatabase.dataSource()));
        List<SegmentSummary> stored = runs.find(PopulationRows.RUN).orElseThrow().view(SegmentationReference.DEFAULT_MINIMUM_SHARE).segments();
        assertThat(stored.stream().map(SparkAgreesWithReferenceProperties::summary).toList())
                .isEqualTo(expected.summaries().stream().map(SparkAgreesWithReferenceProperties::summary).toList());
    }

    private static String summary(SegmentSummary s) {
        return String.join(" ", s.key(), s.name(), Integer.toString(s.rank()), Long.toString(s.customers()), plain(s.revenue()),
                Long.toString(s.orders()), plain(s.shareOfCustomers()), plain(s.shareOfRevenue()), plain(s.averageOrderValue()),
                plain(s.averageFrequency()), Boolean.toString(s.small()));
    }

    private static String plain(BigDecimal value) {
        return value == null ? "-" : value.stripTrailingZeros().toPlainString();
    }
}
