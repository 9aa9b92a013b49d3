package io.strata.adapters.persistence.prediction;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;

/**
 * A run's buyers as the models see them (customer_key, x, t_x and T in days, repeat average), aggregated from the orders
 * once per run into an unlogged table of the run's own: the patterns are grouped from it and the customers'
 * predictions stored from it, then it is dropped. Named from the numeric run id only.
 */
final class RunBuyers {

    private RunBuyers() {
    }

    /** Whether the imports' purchase facts equal the orders as of the end of {@code asOf}, in the transaction's view. */
    static boolean factsCover(JdbcClient jdbc, LocalDate asOf) {
        return Boolean.TRUE.equals(jdbc.sql(BuyerSql.FACTS_COVER).param(BuyerSql.endOf(asOf)).query(Boolean.class).single());
    }

    static String table(long runId) {
        return "run_buyers_" + runId;
    }

    /**
     * CREATE TABLE AS takes no bind parameters but may use parallel workers (an INSERT … SELECT may not), so the two
     * dates are written into the text: both come from a LocalDate, never from user text.
     */
    static String create(long runId, LocalDate asOf, boolean fromFacts) {
        return createAs("create unlogged table " + table(runId), asOf, fromFacts);
    }

    /**
     * {@code create}: the DDL's start, up to and including the table's name (an unlogged or a temporary table);
     * {@code fromFacts}: read the imports' per-customer facts instead of aggregating orders (only when they cover the date).
     */
    static String createAs(String create, LocalDate asOf, boolean fromFacts) {
        String sql = (fromFacts ? BuyerSql.BUYERS_FROM_FACTS : BuyerSql.BUYERS).replace(":end", "timestamptz '" + asOf.plusDays(1) + " 00:00:00+00'")
                .replace(":asof", "date '" + asOf + "'");
        return create + " as " + sql + "select customer_key, x, recency_days, age_days, repeat_average from buyers";
    }
}
