package io.strata.adapters.persistence.prediction;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;

/**
 * A run's buyers as the models see them (run_id, customer_key, x, t_x and T in days, repeat average), aggregated once per
 * run into a table of the run's own: the patterns are grouped from it, and once the run's pattern forecasts are stored
 * it becomes the run's partition of {@code run_prediction_buyers} (changeset 270), the per-customer part of its
 * predictions. Named from the numeric run id only.
 */
final class RunBuyers {

    private RunBuyers() {
    }

    /** Whether the imports' purchase facts equal the orders as of the end of {@code asOf}, in the transaction's view. */
    static boolean factsCover(JdbcClient jdbc, LocalDate asOf) {
        return Boolean.TRUE.equals(jdbc.sql(BuyerSql.FACTS_COVER).param(BuyerSql.endOf(asOf)).query(Boolean.class).single());
    }

    static String table(long runId) {
        return "run_prediction_buyers_" + runId;
    }

    /**
     * CREATE TABLE AS takes no bind parameters but may use parallel workers (an INSERT … SELECT may not), so the two
     * dates are written into the text: both come from a LocalDate, never from user text.
     */
    static String create(long runId, LocalDate asOf, boolean fromFacts) {
        return createAs("create table " + table(runId), runId, asOf, fromFacts);
    }

    /** The run's distinct patterns with their buyers, grouped once for the fit and the scoring, then dropped. */
    static String patterns(long runId) {
        return "run_prediction_patterns_" + runId;
    }

    static void createPatterns(JdbcClient jdbc, long runId) {
        createPatterns(jdbc, runId, table(runId));
    }

    /** {@code buyers}: a table or a parenthesised query with an alias ({@link #fromFacts}). */
    static void createPatterns(JdbcClient jdbc, long runId, String buyers) {
        jdbc.sql("drop table if exists " + patterns(runId)).update();
        jdbc.sql("create unlogged table " + patterns(runId) + " as select x, recency_days, age_days, count(*) as buyers from "
                + buyers + " group by x, recency_days, age_days").update();
    }

    /**
     * The run's buyers as a query straight on the purchase facts (only when they cover the date), to read in place of
     * the buyer table when the run's assignment carries them into its rows (RunSnapshot.buyersCarried): the same
     * columns, the same values to the last bit, no table written. The date comes from a LocalDate, never from user text.
     */
    static String fromFacts(LocalDate asOf) {
        return "(" + BuyerSql.BUYERS_FROM_FACTS.replace(":asof", "date '" + asOf + "'")
                + "select customer_key, x, recency_days, age_days, repeat_average from buyers) buyers_from_facts";
    }

    /** Whether the run's pattern table is there (made on the run's snapshot when the fit took a sample of the patterns). */
    static boolean hasPatterns(JdbcClient jdbc, long runId) {
        return jdbc.sql("select to_regclass(?) is not null").param(patterns(runId)).query(Boolean.class).single();
    }

    /**
     * Makes the run's buyer table a partition of {@code run_prediction_buyers}: one scan checks the columns the parent
     * requires and the run id (a check constraint the attach then relies on instead of scanning again), the customer
     * index is built once over the loaded rows and adopted by the parent's.
     */
    static void attach(JdbcClient jdbc, long runId) {
        String table = table(runId);
        jdbc.sql("alter table " + table + " alter column run_id set not null, alter column customer_key set not null,"
                + " alter column x set not null, alter column recency_days set not null, alter column age_days set not null,"
                + " add check (run_id = " + runId + ")").update();
        jdbc.sql("create index on " + table + " (customer_key)").update();
        jdbc.sql("alter table run_prediction_buyers attach partition " + table + " for values in (" + runId + ")").update();
    }

    /** Whether the run's buyer table exists and is not yet a partition (the run's predictions not stored). */
    static boolean loose(JdbcClient jdbc, long runId) {
        return Boolean.TRUE.equals(jdbc.sql("select not relispartition from pg_class where oid = to_regclass(?)")
                .param(table(runId)).query(Boolean.class).optional().orElse(false));
    }

    /**
     * {@code create}: the DDL's start, up to and including the table's name (an unlogged or a temporary table);
     * {@code fromFacts}: read the imports' per-customer facts instead of aggregating orders (only when they cover the date).
     */
    static String createAs(String create, long runId, LocalDate asOf, boolean fromFacts) {
        String sql = (fromFacts ? BuyerSql.BUYERS_FROM_FACTS : BuyerSql.BUYERS).replace(":end", "timestamptz '" + asOf.plusDays(1) + " 00:00:00+00'")
                .replace(":asof", "date '" + asOf + "'");
        return create + " as " + sql + "select " + runId + "::bigint as run_id, customer_key, x, recency_days, age_days, repeat_average from buyers";
    }
}
