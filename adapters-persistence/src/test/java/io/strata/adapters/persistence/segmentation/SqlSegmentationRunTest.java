package io.strata.adapters.persistence.segmentation;

import io.strata.adapters.persistence.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Hand-computed expectations for the contract's rfm-classic and frequency-tiers over a small base. */
class SqlSegmentationRunTest {

    static final List<SqlPlan.ScoreRegion> RFM_CLASSIC = List.of(
            region("hibernating", 1, 2, 1, 2), region("at_risk", 1, 2, 3, 4), region("cant_lose", 1, 2, 5, 5),
            region("about_to_sleep", 3, 3, 1, 2), region("need_attention", 3, 3, 3, 3), region("loyal_customers", 3, 4, 4, 5),
            region("promising", 4, 4, 1, 1), region("new_customers", 5, 5, 1, 1), region("potential_loyalists", 4, 5, 2, 3),
            region("champions", 5, 5, 4, 5));

    final JdbcClient jdbc = JdbcClient.create(TestDatabase.dataSource());

    @BeforeEach
    void base() {
        TestDatabase.emptyCustomerData();
        TestDatabase.execute("insert into customers (customer_id) values ('c1'), ('c2'), ('c3'), ('c4'), ('c5'), ('c6'), ('c7')");
        TestDatabase.execute("insert into segmentations (segmentation_id, name, definition, status) values (1, 't', '{}', 'DRAFT')");
        order("c1", "o1", "2024-06-29T12:00:00Z", "50");
        order("c2", "o2", "2024-06-20T12:00:00Z", "100");
        order("c2", "o3", "2024-05-01T12:00:00Z", "100");
        order("c3", "o4", "2024-01-01T12:00:00Z", "30");
        order("c3", "o5", "2024-02-01T12:00:00Z", "30");
        order("c3", "o6", "2024-03-01T12:00:00Z", "30");
        order("c4", "o7", "2023-06-30T12:00:00Z", "500");
        order("c5", "o8", "2024-06-20T12:00:00Z", "20");
        order("c5", "r1", "2024-06-25T12:00:00Z", "-10");
        order("c6", "o9", "2024-06-29T12:00:00Z", "70");
        order("c6", "o10", "2024-06-30T12:00:00Z", "0"); // fully refunded: lines 40 and -40
        order("c1", "late", "2024-07-01T00:00:00Z", "999"); // after the as-of day: ignored
        TestDatabase.refreshPurchaseFacts();
    }

    @Test
    void anOrderAfterTheAsOfDayKeepsTheRunOnTheOrdersAndWithoutOneTheRunReadsTheFactsToTheSameResult() throws Exception {
        assertThat(factsCover()).as("the late order is after the end of 2024-06-30").isFalse();
        run(1, new SqlPlan.Rfm(SqlPlan.Third.MONETARY, withAllM(RFM_CLASSIC), "prospects"));
        Map<String, String> fromOrders = assignments(1);

        TestDatabase.execute("delete from orders where order_id = 'late'");
        TestDatabase.refreshPurchaseFacts();
        assertThat(factsCover()).isTrue();
        run(2, new SqlPlan.Rfm(SqlPlan.Third.MONETARY, withAllM(RFM_CLASSIC), "prospects"));

        assertThat(assignments(2)).isEqualTo(fromOrders).containsEntry("c3", "cant_lose 1 5 3 121 3 90.0000");
        // and the facts are what that run read: changing one changes the run
        TestDatabase.execute("update customer_purchase_facts set monetary = 1 where customer_key = (select customer_key from customers where customer_id = 'c4')");
        run(3, new SqlPlan.Rfm(SqlPlan.Third.MONETARY, withAllM(RFM_CLASSIC), "prospects"));
        assertThat(assignments(3).get("c4")).endsWith(" 1 1.0000");
    }

    /**
     * The partition is created by the assignment's statement (create table ... as select) inside the run's transaction:
     * a run that fails after it (here the attach: the run has no row in segmentation_runs, so its foreign key fails)
     * leaves no table behind, and the same run id can be tried again.
     */
    @Test
    void aRunThatFailsAfterCreatingItsPartitionLeavesNoTableAndCanBeTriedAgain() throws Exception {
        SqlPlan plan = new SqlPlan.Rfm(SqlPlan.Third.MONETARY, withAllM(RFM_CLASSIC), "prospects");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SqlSegmentationRun.execute(TestDatabase.dataSource(),
                io.strata.adapters.persistence.database.DatabaseSettings.Tuning.defaults(), 9, plan, List.of(), LocalDate.parse("2024-06-30"),
                        snapshot -> { }, false, halvesFrom()))
                .isInstanceOf(java.sql.SQLException.class);

        // nor its halves' (the upper half was committed on its own connection before the attach failed)
        assertThat(jdbc.sql("select count(*) from pg_class where relname like 'run\\_assignments\\_9%'").query(Long.class).single()).isZero();
        run(9, plan);
        assertThat(assignments(9)).containsEntry("c3", "cant_lose 1 5 3 121 3 90.0000");
    }

    private boolean factsCover() throws Exception {
        try (var c = TestDatabase.dataSource().getConnection()) {
            return SqlSegmentationRun.factsCover(c, java.sql.Timestamp.from(java.time.Instant.parse("2024-07-01T00:00:00Z")));
        }
    }

    @Test
    void rfmClassicScoresAndSegmentsEveryCustomerAsTheContractDefines() throws Exception {
        long customers = run(1, new SqlPlan.Rfm(SqlPlan.Third.MONETARY, withAllM(RFM_CLASSIC), "prospects"));

        assertThat(customers).isEqualTo(7);
        Map<String, String> rows = assignments(1);
        assertThat(rows).containsEntry("c1", "promising 4 1 1 1 1 50.0000")
                .containsEntry("c2", "at_risk 2 4 4 10 2 200.0000")
                .containsEntry("c3", "cant_lose 1 5 3 121 3 90.0000")
                .containsEntry("c4", "hibernating 1 1 5 366 1 500.0000")
                .containsEntry("c5", "hibernating 2 1 1 10 1 10.0000")
                .containsEntry("c6", "promising 4 1 2 1 1 70.0000")
                .containsEntry("c7", "prospects null null null null 0 0.0000");
    }

    /**
     * Five buyers with five distinct values of each metric: 5 (rank - 1) / 5 lands exactly on every score's boundary,
     * so each buyer's score is its rank (recency: fewest days ranks last). Written out: c1 1 day 1 order 10, c2 2 days 2
     * orders 20, ... c5 5 days 5 orders 50; r = 6 - rank by days, f = m = rank.
     */
    @Test
    void scoresOnTheExactBoundariesOfTheFifthsAreTheRanks() throws Exception {
        TestDatabase.emptyCustomerData();
        TestDatabase.execute("insert into customers (customer_id) values ('c1'), ('c2'), ('c3'), ('c4'), ('c5')");
        TestDatabase.execute("insert into segmentations (segmentation_id, name, definition, status) values (1, 't', '{}', 'DRAFT')");
        for (int i = 1; i <= 5; i++) {
            for (int o = 1; o <= i; o++) {
                order("c" + i, "o" + i + "-" + o, "2024-06-" + (30 - i) + "T12:00:00Z", Integer.toString(10 * i / i));
            }
        }
        TestDatabase.refreshPurchaseFacts();

        run(4, new SqlPlan.Rfm(SqlPlan.Third.MONETARY, withAllM(RFM_CLASSIC), "prospects"));

        Map<String, String> rows = assignments(4);
        for (int i = 1; i <= 5; i++) {
            assertThat(rows.get("c" + i)).as("c" + i).endsWith(" " + (6 - i) + " " + i + " " + i + " " + i + " " + i + " " + (10 * i) + ".0000");
        }
    }

    @Test
    void frequencyTiersPutEveryCustomerIntoItsTier() throws Exception {
        run(2, new SqlPlan.FixedTiers(SqlPlan.TierMetric.FREQUENCY, List.of(
                new SqlPlan.Tier("newcomers", BigDecimal.ONE, BigDecimal.valueOf(3)),
                new SqlPlan.Tier("repeat", BigDecimal.valueOf(3), BigDecimal.valueOf(6)),
                new SqlPlan.Tier("loyal", BigDecimal.valueOf(6), null)), "prospects"));

        Map<String, String> segments = jdbc.sql("select c.customer_id, a.segment_key from run_assignments a join customers c using (customer_key) where run_id = 2")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(segments).containsEntry("c1", "newcomers").containsEntry("c2", "newcomers").containsEntry("c3", "repeat")
                .containsEntry("c4", "newcomers").containsEntry("c7", "prospects").hasSize(7);
    }

    /**
     * Quantile tiers rank every buyer against all buyers, so a run of them is never split into halves (in
     * {@link SqlSegmentationRunInHalvesTest} too). Frequencies: c1, c4, c5, c6 one purchase (rank 1), c2 two (rank 5),
     * c3 three (rank 6), c7 none; tier = 1 + 2 (rank - 1) / 6 in integers: 1 for rank 1, 2 for ranks 5 and 6. Ranked
     * within the halves instead (c1..c3 and c4..c7), c2 would be 1 + 2 * 1 / 3 = 1, the lower tier.
     */
    @Test
    void quantileTiersRankEveryBuyerAgainstAllBuyers() throws Exception {
        run(4, new SqlPlan.QuantileTiers(SqlPlan.TierMetric.FREQUENCY, List.of("newcomers", "loyal"), "prospects"));

        Map<String, String> segments = jdbc.sql("select c.customer_id, a.segment_key from run_assignments a join customers c using (customer_key) where run_id = 4")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(segments).containsOnly(Map.entry("c1", "newcomers"), Map.entry("c2", "loyal"), Map.entry("c3", "loyal"),
                Map.entry("c4", "newcomers"), Map.entry("c5", "newcomers"), Map.entry("c6", "newcomers"), Map.entry("c7", "prospects"));
    }

    /**
     * The partition's rows lie in segment order, then in customer order (the customers' keys follow c1..c7), whatever the
     * basis: a segment's members on consecutive pages, and the segment index built over rows already in its order.
     * Written out from the segments above: rfm-classic at_risk c2, cant_lose c3, hibernating c4 c5, promising c1 c6,
     * prospects c7; frequency tiers newcomers c1 c2 c4 c5 c6, prospects c7, repeat c3.
     */
    @Test
    void theRowsLieInSegmentOrderThenInCustomerOrder() throws Exception {
        runFiveAndSix();

        assertThat(stored(5)).containsExactly("at_risk c2", "cant_lose c3", "hibernating c4", "hibernating c5", "promising c1", "promising c6",
                "prospects c7");
        assertThat(stored(6)).containsExactly("newcomers c1", "newcomers c2", "newcomers c4", "newcomers c5", "newcomers c6", "prospects c7",
                "repeat c3");
    }

    /** From how many customers the runs of this class are written in halves: never here ({@link SqlSegmentationRunInHalvesTest}: always). */
    long halvesFrom() {
        return Long.MAX_VALUE;
    }

    void runFiveAndSix() throws Exception {
        run(5, new SqlPlan.Rfm(SqlPlan.Third.MONETARY, withAllM(RFM_CLASSIC), "prospects"));
        run(6, new SqlPlan.FixedTiers(SqlPlan.TierMetric.FREQUENCY, List.of(
                new SqlPlan.Tier("newcomers", BigDecimal.ONE, BigDecimal.valueOf(3)),
                new SqlPlan.Tier("repeat", BigDecimal.valueOf(3), BigDecimal.valueOf(6)),
                new SqlPlan.Tier("loyal", BigDecimal.valueOf(6), null)), "prospects"));
    }

    /** The run's rows as its partition stores them, page by page. */
    List<String> stored(long runId) {
        return jdbc.sql("select a.segment_key || ' ' || c.customer_id from " + SqlSegmentationRun.partition(runId)
                        + " a join customers c using (customer_key) order by a.ctid")
                .query(String.class).list();
    }

    /**
     * A run asks the OS to read ahead the pages of customers and of the orders' customer index (the first previews at
     * its answer scan them; docs/benchmarks.md, session 42) while it writes, on a thread of its own: the read-ahead's
     * account names the run and both relations' blocks.
     */
    @Test
    void aRunReadsThePreviewsPagesAheadOfItsAnswer() throws Exception {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                io.strata.adapters.persistence.database.PreviewPagesReadAhead.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> told = new ch.qos.logback.core.read.ListAppender<>();
        told.start();
        logger.addAppender(told);
        try {
            run(7, new SqlPlan.Rfm(SqlPlan.Third.MONETARY, withAllM(RFM_CLASSIC), "prospects"));

            long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
            while (readAheadOfRun(told, 7).isEmpty() && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertThat(readAheadOfRun(told, 7)).hasSize(1).first().asString()
                    .contains("customers=").contains("orders_customer_idx=").doesNotContain("none");
        } finally {
            logger.detachAppender(told);
        }
    }

    private static List<String> readAheadOfRun(ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> told, long runId) {
        synchronized (told) { // AppenderBase appends under the appender's own lock
            return told.list.stream().map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.startsWith("pages read ahead for previews after run " + runId + " ")
                            || m.startsWith("pages read ahead for previews after run " + runId + "'s")).toList();
        }
    }

    @Test
    void theSummaryCountsAddUpToTheCustomerBase() throws Exception {
        run(3, new SqlPlan.Rfm(SqlPlan.Third.MONETARY, withAllM(RFM_CLASSIC), "prospects"));

        long total = jdbc.sql("select sum(customers) from run_segments where run_id = 3").query(Long.class).single();
        BigDecimal hibernatingRevenue = jdbc.sql("select revenue from run_segments where run_id = 3 and segment_key = 'hibernating'")
                .query(BigDecimal.class).single();
        long empty = jdbc.sql("select customers from run_segments where run_id = 3 and segment_key = 'champions'").query(Long.class).single();

        assertThat(total).isEqualTo(7);
        assertThat(hibernatingRevenue).isEqualByComparingTo("510");
        assertThat(empty).isZero();
    }

    long run(long runId, SqlPlan plan) throws Exception {
        TestDatabase.execute("insert into segmentation_runs (run_id, segmentation_id, as_of, status) values (" + runId + ", 1, '2024-06-30', 'COMPLETED')");
        return SqlSegmentationRun.execute(TestDatabase.dataSource(), io.strata.adapters.persistence.database.DatabaseSettings.Tuning.defaults(), runId, plan, labels(),
                LocalDate.parse("2024-06-30"), snapshot -> { }, false, halvesFrom());
    }

    /** The segments the runs of these tests show: the tiers' and rfm-classic's. */
    static List<SqlSegmentationRun.SegmentLabel> labels() {
        List<String> keys = new java.util.ArrayList<>(List.of("prospects", "newcomers", "repeat", "loyal"));
        RFM_CLASSIC.forEach(r -> keys.add(r.segmentKey()));
        List<SqlSegmentationRun.SegmentLabel> labels = new java.util.ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            labels.add(new SqlSegmentationRun.SegmentLabel(keys.get(i), keys.get(i), i + 1));
        }
        return labels;
    }

    Map<String, String> assignments(long runId) {
        return jdbc.sql("select c.customer_id, a.* from run_assignments a join customers c using (customer_key) where run_id = ?")
                .param(runId)
                .query((rs, n) -> Map.entry(rs.getString("customer_id"), rs.getString("segment_key") + " " + rs.getObject("r") + " "
                        + rs.getObject("f") + " " + rs.getObject("m") + " " + rs.getObject("recency_days") + " " + rs.getInt("frequency")
                        + " " + rs.getBigDecimal("monetary").toPlainString()))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private void order(String customer, String orderId, String at, String total) {
        TestDatabase.execute("insert into orders (order_key, order_id, customer_key, ordered_at, total, line_count) select nextval('order_key_blocks'), '" + orderId
                + "', customer_key, '" + at + "', " + total + ", 1 from customers where customer_id = '" + customer + "'");
    }

    private static SqlPlan.ScoreRegion region(String key, int rFrom, int rTo, int fFrom, int fTo) {
        return new SqlPlan.ScoreRegion(key, rFrom, rTo, fFrom, fTo, 1, 5);
    }

    private static List<SqlPlan.ScoreRegion> withAllM(List<SqlPlan.ScoreRegion> regions) {
        return regions;
    }
}
