package io.strata.adapters.persistence.segmentation;

import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.domain.history.CustomerHistory;
import io.strata.domain.ordering.OrderLine;
import io.strata.domain.segmentation.Assignment;
import io.strata.domain.segmentation.GeneralSegmentation;
import io.strata.domain.segmentation.Segment;
import io.strata.domain.segmentation.SegmentationArbitraries;
import io.strata.domain.segmentation.SegmentationReference;
import io.strata.domain.segmentation.SegmentationResult;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQL that runs a general segmentation in PostgreSQL and the domain's reference evaluator agree, customer by
 * customer, on random populations (ties, returns, refunded orders, orders after the as-of day) and random valid
 * RFM and tier definitions.
 */
class SqlAgreesWithReferenceProperties {

    private final SegmentationReference reference = SegmentationReference.withoutConditions();

    @Provide
    Arbitrary<GeneralSegmentation> segmentations() {
        return SegmentationArbitraries.segmentationsWithoutRules();
    }

    @Provide
    Arbitrary<List<CustomerHistory>> populations() {
        return SegmentationArbitraries.populations();
    }

    @Property(tries = 400)
    void everyCustomerGetsTheSameSegmentScoresAndMetricsFromSqlAsFromTheReference(
            @ForAll("segmentations") GeneralSegmentation segmentation, @ForAll("populations") List<CustomerHistory> population) throws SQLException {
        SegmentationResult expected = reference.run(segmentation, SegmentationArbitraries.AS_OF, population);

        Map<String, String> actual = runInDatabase(segmentation, population);

        assertThat(actual).hasSize(population.size());
        for (Assignment a : expected.assignments()) {
            String want = a.segmentKey() + " " + a.r() + " " + a.f() + " " + a.m() + " " + a.metrics().recencyDays() + " "
                    + a.metrics().frequency() + " " + a.metrics().monetary().stripTrailingZeros().toPlainString();
            assertThat(actual.get(a.customerId().value())).as("customer %s", a.customerId()).isEqualTo(want);
        }
    }

    @Property(tries = 100)
    void withNoOrderAfterTheAsOfDayTheRunReadsThePurchaseFactsAndStillAgreesWithTheReference(
            @ForAll("segmentations") GeneralSegmentation segmentation, @ForAll("populations") List<CustomerHistory> generated) throws SQLException {
        java.time.Instant end = SegmentationArbitraries.AS_OF.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        List<CustomerHistory> population = generated.stream().map(h -> new CustomerHistory(h.customer(),
                h.orderLines().stream().filter(l -> l.orderedAt().isBefore(end)).toList(), h.events())).toList();
        SegmentationResult expected = reference.run(segmentation, SegmentationArbitraries.AS_OF, population);

        Map<String, String> actual = runInDatabase(segmentation, population);

        try (Connection c = TestDatabase.dataSource().getConnection()) {
            assertThat(SqlSegmentationRun.factsCover(c, Timestamp.from(end))).isTrue();
        }
        assertThat(actual).hasSize(population.size());
        for (Assignment a : expected.assignments()) {
            String want = a.segmentKey() + " " + a.r() + " " + a.f() + " " + a.m() + " " + a.metrics().recencyDays() + " "
                    + a.metrics().frequency() + " " + a.metrics().monetary().stripTrailingZeros().toPlainString();
            assertThat(actual.get(a.customerId().value())).as("customer %s", a.customerId()).isEqualTo(want);
        }
    }

    static final io.strata.domain.rule.FieldCatalogue LIFECYCLE_CATALOGUE = new io.strata.domain.rule.FieldCatalogue(
            Map.of("plan", io.strata.domain.customer.FieldType.TEXT),
            Map.of("payment", java.util.Set.of(), "session", java.util.Set.of(), "signup", java.util.Set.of(), "email_open", java.util.Set.of()));

    @Provide
    Arbitrary<GeneralSegmentation> lifecycles() {
        return SegmentationArbitraries.lifecycleSegmentations();
    }

    @Property(tries = 200)
    void lifecycleStagesCompiledToSqlAssignEveryCustomerAsTheReferenceWithTheRuleEngineDoes(
            @ForAll("lifecycles") GeneralSegmentation segmentation, @ForAll("populations") List<CustomerHistory> population) throws SQLException {
        SegmentationResult expected = new SegmentationReference(new io.strata.domain.rule.RuleConditions(LIFECYCLE_CATALOGUE))
                .run(segmentation, SegmentationArbitraries.AS_OF, population);

        Map<String, String> actual = runInDatabase(segmentation, population, LIFECYCLE_CATALOGUE);

        assertThat(actual).hasSize(population.size());
        for (Assignment a : expected.assignments()) {
            assertThat(actual.get(a.customerId().value()).split(" ")[0]).as("customer %s", a.customerId()).isEqualTo(a.segmentKey());
        }
    }

    private Map<String, String> runInDatabase(GeneralSegmentation segmentation, List<CustomerHistory> population) throws SQLException {
        return runInDatabase(segmentation, population, io.strata.domain.rule.FieldCatalogue.builtInOnly());
    }

    private Map<String, String> runInDatabase(GeneralSegmentation segmentation, List<CustomerHistory> population,
                                              io.strata.domain.rule.FieldCatalogue catalogue) throws SQLException {
        TestDatabase.emptyCustomerData();
        try (Connection c = TestDatabase.dataSource().getConnection()) {
            load(c, population);
            try (Statement s = c.createStatement()) {
                s.execute("insert into segmentations (segmentation_id, name, definition, status) values (1, 'p', '{}', 'DRAFT')");
                s.execute("insert into segmentation_runs (run_id, segmentation_id, as_of, status) values (1, 1, '"
                        + SegmentationArbitraries.AS_OF + "', 'RUNNING')");
            }
        }
        List<SqlSegmentationRun.SegmentLabel> labels = segmentation.segments().stream()
                .map((Segment s) -> new SqlSegmentationRun.SegmentLabel(s.key(), s.name(), s.rank())).toList();
        SqlSegmentationRun.execute(TestDatabase.dataSource(), 1, SqlSegmentationEngine.plan(segmentation.basis(), catalogue), labels,
                SegmentationArbitraries.AS_OF);
        Map<String, String> rows = new HashMap<>();
        try (Connection c = TestDatabase.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select c.customer_id, a.segment_key, a.r, a.f, a.m, a.recency_days, a.frequency, a.monetary "
                     + "from run_assignments a join customers c using (customer_key) where a.run_id = 1")) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getString(2) + " " + rs.getObject(3) + " " + rs.getObject(4) + " " + rs.getObject(5) + " "
                        + rs.getObject(6) + " " + rs.getInt(7) + " " + rs.getBigDecimal(8).stripTrailingZeros().toPlainString());
            }
        }
        return rows;
    }

    /** Lines go in as stored by an import; per-order totals are derived from them the way the import merge does. */
    private static void load(Connection c, List<CustomerHistory> population) throws SQLException {
        TestDatabase.createTestLines(c);
        try (PreparedStatement customer = c.prepareStatement("insert into customers (customer_id, attributes) values (?, ?::jsonb)")) {
            for (CustomerHistory history : population) {
                customer.setString(1, history.id().value());
                customer.setString(2, history.customer().attribute("plan").map(p -> "{\"plan\":\"" + p + "\"}").orElse("{}"));
                customer.addBatch();
            }
            customer.executeBatch();
        }
        try (PreparedStatement event = c.prepareStatement("insert into events (dedupe_key, customer_key, event_type, occurred_at) "
                + "select ?, customer_key, ?, ? from customers where customer_id = ?")) {
            for (CustomerHistory history : population) {
                int n = 0;
                for (io.strata.domain.behaviour.Event e : history.events()) {
                    event.setString(1, history.id().value() + "/" + ++n);
                    event.setString(2, e.type());
                    event.setTimestamp(3, Timestamp.from(e.occurredAt()));
                    event.setString(4, history.id().value());
                    event.addBatch();
                }
            }
            event.executeBatch();
        }
        try (PreparedStatement line = c.prepareStatement("insert into test_order_lines (order_id, line_no, customer_key, ordered_at, amount, category) "
                + "select ?, ?, customer_key, ?, ?, ? from customers where customer_id = ?")) {
            for (CustomerHistory history : population) {
                int lineNo = 0;
                for (OrderLine l : history.orderLines()) {
                    line.setString(1, l.orderId());
                    line.setInt(2, ++lineNo);
                    line.setTimestamp(3, Timestamp.from(l.orderedAt()));
                    line.setBigDecimal(4, l.amount());
                    line.setString(5, l.category());
                    line.setString(6, history.id().value());
                    line.addBatch();
                }
            }
            line.executeBatch();
        }
        TestDatabase.ordersFromTestLines(c);
    }
}
