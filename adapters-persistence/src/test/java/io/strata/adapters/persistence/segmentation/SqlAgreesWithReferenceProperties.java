package io.strata.adapters.persistence.segmentation;

import io.strata.adapters.persistence.database.DatabaseSettings;
import io.strata.adapters.persistence.imports.JdbcImportTargets;
import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.adapters.persistence.work.WorkClaims;
import io.strata.application.audit.AuditAction;
import io.strata.application.audit.AuditEntry;
import io.strata.application.imports.OrderLineRow;
import io.strata.application.imports.port.out.ImportBatch;
import io.strata.domain.history.CustomerHistory;
import io.strata.domain.ordering.OrderLine;
import io.strata.domain.segmentation.Assignment;
import io.strata.domain.segmentation.GeneralSegmentation;
import io.strata.domain.segmentation.Segment;
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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQL that runs a general segmentation in PostgreSQL and the domain's reference evaluator agree, customer by
 * customer and segment by segment (the run's summary: customers, revenue, orders, shares and averages as the console
 * reads them), on random populations of up to 40 customers (ties, returns, refunded orders, orders after the as-of
 * day, times far from UTC, amounts whose averages fall on rounding ties) and random valid RFM, tier and lifecycle
 * definitions.
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

    @Property(tries = 350)
    void everyCustomerGetsTheSameSegmentScoresAndMetricsFromSqlAsFromTheReference(
            @ForAll("segmentations") GeneralSegmentation segmentation, @ForAll("populations") List<CustomerHistory> population) throws SQLException {
        SegmentationResult expected = reference.run(segmentation, SegmentationArbitraries.AS_OF, population);

        Map<String, String> actual = runInDatabase(segmentation, population, Orders.WRITTEN_BY_THE_TEST);

        assertSameAssignments(expected, actual, population);
        assertSameSummaries(expected);
    }

    /**
     * The orders go in through the orders import (its staging, merge and upkeep of the purchase facts, in two imports
     * so that the second one updates facts the first one wrote), and the run reads the facts, not the orders.
     */
    @Property(tries = 100)
    void withNoOrderAfterTheAsOfDayTheRunReadsThePurchaseFactsTheImportKeptAndStillAgreesWithTheReference(
            @ForAll("segmentations") GeneralSegmentation segmentation, @ForAll("populations") List<CustomerHistory> generated) throws SQLException {
        Instant end = SegmentationArbitraries.AS_OF.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<CustomerHistory> population = generated.stream().map(h -> new CustomerHistory(h.customer(),
                h.orderLines().stream().filter(l -> l.orderedAt().isBefore(end)).toList(), h.events())).toList();
        SegmentationResult expected = reference.run(segmentation, SegmentationArbitraries.AS_OF, population);

        Map<String, String> actual = runInDatabase(segmentation, population, Orders.IMPORTED);

        try (Connection c = TestDatabase.dataSource().getConnection()) {
            assertThat(SqlSegmentationRun.factsCover(c, Timestamp.from(end))).isTrue();
        }
        assertSameAssignments(expected, actual, population);
        assertSameSummaries(expected);
    }

    static final io.strata.domain.rule.FieldCatalogue LIFECYCLE_CATALOGUE = new io.strata.domain.rule.FieldCatalogue(
            Map.of("plan", io.strata.domain.customer.FieldType.TEXT),
            Map.of("payment", java.util.Set.of(), "session", java.util.Set.of(), "signup", java.util.Set.of(), "email_open", java.util.Set.of()));

    @Provide
    Arbitrary<GeneralSegmentation> lifecycles() {
        return SegmentationArbitraries.lifecycleSegmentations();
    }

    @Property(tries = 150)
    void lifecycleStagesCompiledToSqlAssignEveryCustomerAsTheReferenceWithTheRuleEngineDoes(
            @ForAll("lifecycles") GeneralSegmentation segmentation, @ForAll("populations") List<CustomerHistory> population) throws SQLException {
        SegmentationResult expected = new SegmentationReference(new io.strata.domain.rule.RuleConditions(LIFECYCLE_CATALOGUE))
                .run(segmentation, SegmentationArbitraries.AS_OF, population);

        Map<String, String> actual = runInDatabase(segmentation, population, LIFECYCLE_CATALOGUE, Orders.WRITTEN_BY_THE_TEST);

        assertThat(actual).hasSize(population.size());
        for (Assignment a : expected.assignments()) {
            assertThat(actual.get(a.customerId().value()).split(" ")[0]).as("customer %s", a.customerId()).isEqualTo(a.segmentKey());
        }
        assertSameSummaries(expected);
    }

    private static void assertSameAssignments(SegmentationResult expected, Map<String, String> actual, List<CustomerHistory> population) {
        assertThat(actual).hasSize(population.size());
        for (Assignment a : expected.assignments()) {
            String want = a.segmentKey() + " " + a.r() + " " + a.f() + " " + a.m() + " " + a.metrics().recencyDays() + " "
                    + a.metrics().frequency() + " " + a.metrics().monetary().stripTrailingZeros().toPlainString();
            assertThat(actual.get(a.customerId().value())).as("customer %s", a.customerId()).isEqualTo(want);
        }
    }

    /** The run's summary as the console shows it (read back by the runs adapter) equals the reference's, segment by segment. */
    private void assertSameSummaries(SegmentationResult expected) {
        JdbcSegmentationRuns runs = new JdbcSegmentationRuns(JdbcClient.create(TestDatabase.dataSource()), new WorkClaims(TestDatabase.dataSource()));
        List<SegmentSummary> stored = runs.find(1).orElseThrow().view(SegmentationReference.DEFAULT_MINIMUM_SHARE).segments();
        assertThat(stored.stream().map(SqlAgreesWithReferenceProperties::summary).toList())
                .isEqualTo(expected.summaries().stream().map(SqlAgreesWithReferenceProperties::summary).toList());
    }

    /** A summary with its numbers compared by value, not by scale (the database keeps 4 places, the reference what it summed). */
    private static String summary(SegmentSummary s) {
        return String.join(" ", s.key(), s.name(), Integer.toString(s.rank()), Long.toString(s.customers()), plain(s.revenue()),
                Long.toString(s.orders()), plain(s.shareOfCustomers()), plain(s.shareOfRevenue()), plain(s.averageOrderValue()),
                plain(s.averageFrequency()), Boolean.toString(s.small()));
    }

    private static String plain(BigDecimal value) {
        return value == null ? "-" : value.stripTrailingZeros().toPlainString();
    }

    /** How the population's orders reach the tables. */
    private enum Orders { WRITTEN_BY_THE_TEST, IMPORTED }

    private Map<String, String> runInDatabase(GeneralSegmentation segmentation, List<CustomerHistory> population, Orders orders)
            throws SQLException {
        return runInDatabase(segmentation, population, io.strata.domain.rule.FieldCatalogue.builtInOnly(), orders);
    }

    private Map<String, String> runInDatabase(GeneralSegmentation segmentation, List<CustomerHistory> population,
                                              io.strata.domain.rule.FieldCatalogue catalogue, Orders orders) throws SQLException {
        TestDatabase.emptyCustomerData();
        try (Connection c = TestDatabase.dataSource().getConnection()) {
            load(c, population, orders);
            try (Statement s = c.createStatement()) {
                s.execute("insert into segmentations (segmentation_id, name, definition, status) values (1, 'p', '{}', 'DRAFT')");
                s.execute("insert into segmentation_runs (run_id, segmentation_id, as_of, status) values (1, 1, '"
                        + SegmentationArbitraries.AS_OF + "', 'RUNNING')");
            }
        }
        List<SqlSegmentationRun.SegmentLabel> labels = segmentation.segments().stream()
                .map((Segment s) -> new SqlSegmentationRun.SegmentLabel(s.key(), s.name(), s.rank())).toList();
        SqlSegmentationRun.execute(TestDatabase.dataSource(), io.strata.adapters.persistence.database.DatabaseSettings.Tuning.defaults(), 1, SqlSegmentationEngine.plan(segmentation.basis(), catalogue), labels,
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

    private static void load(Connection c, List<CustomerHistory> population, Orders orders) throws SQLException {
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
        if (orders == Orders.IMPORTED) {
            importOrders(population);
        } else {
            writeOrders(c, population);
        }
    }

    /** Lines go in as stored by an import; per-order totals are derived from them the way the import merge does. */
    private static void writeOrders(Connection c, List<CustomerHistory> population) throws SQLException {
        TestDatabase.createTestLines(c);
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

    /**
     * Through the import's own batch: the customers of the first four fifths in one import, the rest in a second one
     * that also sends the first customer's lines again (a replaced order), so that the second import brings facts up to
     * date that the first one wrote, as a daily import does.
     */
    private static void importOrders(List<CustomerHistory> population) {
        int split = population.size() * 4 / 5;
        List<OrderLine> first = new ArrayList<>();
        List<OrderLine> second = new ArrayList<>();
        for (int i = 0; i < population.size(); i++) {
            (i < split ? first : second).addAll(population.get(i).orderLines());
        }
        if (split > 0) {
            second.addAll(population.get(0).orderLines());
        }
        importLines(first);
        importLines(second);
    }

    private static void importLines(List<OrderLine> lines) {
        if (lines.isEmpty()) {
            return;
        }
        try (ImportBatch<OrderLineRow> batch = new JdbcImportTargets(TestDatabase.dataSource(),
                new DatabaseSettings("", "", "", 4, java.time.Duration.ofSeconds(30), DatabaseSettings.Tuning.defaults())).orderLines()) {
            long lineNo = 0;
            for (OrderLine l : lines) {
                batch.add(new OrderLineRow(++lineNo, l.orderId(), l.customerId().value(), l.orderedAt(), l.amount(), l.quantity(),
                        l.category(), l.sku(), l.channel(), l.orderedAt().toString()));
            }
            assertThat(batch.crossRowCheck().errors()).isEmpty();
            batch.merge();
            batch.commit(new AuditEntry("property test", AuditAction.IMPORTED, "import", "orders", null, null, lines.size() + " lines"));
        }
    }
}
