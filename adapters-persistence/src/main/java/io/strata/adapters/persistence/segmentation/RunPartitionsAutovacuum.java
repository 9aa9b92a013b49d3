package io.strata.adapters.persistence.segmentation;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

/**
 * Autovacuum kept away from a run's partitions until its follow-ups have vacuumed and analysed them (issue 19 item 2).
 * A run writes each of its tables ({@code run_assignments_<id>}, or its halves {@code _low} and {@code _high}, and
 * {@code tactical_members_<id>} or its halves) by one statement in a transaction that analyses the assignments itself
 * before its commit; PostgreSQL counts the inserted rows only at that commit, after the ANALYZE, so each table looked to
 * autovacuum like 500,000 changed and never-vacuumed rows at 1M: its next visit (once a minute) analysed every table of
 * the runs since its last one again (0.25-0.3 s each with its cost delays) and vacuumed the newest for its inserts. Those
 * visits fell on later runs and their memberships, which read the same pages: in the benchmark's series the first visit,
 * a minute after the start, came on the first run with tactical segments (one membership half's statement 1,133 ms
 * against 851-909 ms; docs/benchmarks.md, session 44).
 *
 * <p>So every such table is created with {@code autovacuum_enabled = false} ({@link #OFF}, in its {@code create table
 * ... as}); the run's follow-ups vacuum and analyse it ({@link FreshRunPartitions}), which resets autovacuum's counters,
 * and then give it back to autovacuum ({@link #giveBack}) for what may come later (an erasure's dead rows), as any other
 * table. Nothing goes without statistics (the run analyses its assignments before its commit, the follow-ups both tables
 * right after the answer) nor without its visibility map (the follow-ups' vacuum; should it be skipped, autovacuum finds
 * the counters untouched once given the table back). Anti-wraparound vacuums come whatever the setting.
 */
public final class RunPartitionsAutovacuum {

    /** The storage clause of a run's table, after its column list in a {@code create table ... as}. */
    public static final String OFF = " with (autovacuum_enabled = false)";

    private RunPartitionsAutovacuum() {
    }

    /**
     * Gives autovacuum back the tables of runs up to {@code runId} that still have it off: this run's, vacuumed and
     * analysed just before, and those of an earlier run whose follow-ups never came (a stop, then a later run:
     * only the latest run's follow-ups are resumed at start). A later run, possibly being written now, keeps its own.
     * Answers the tables given back.
     */
    static List<String> giveBack(JdbcClient jdbc, long runId) {
        List<String> tables = jdbc.sql("""
                        select c.relname from pg_class c
                        where c.relnamespace = current_schema()::regnamespace and c.relkind = 'r'
                          and c.relname ~ '^(run_assignments|tactical_members)_[0-9]+(_low|_high)?$'
                          and substring(c.relname from '_([0-9]+)')::bigint <= ?
                          and 'autovacuum_enabled=false' = any (c.reloptions)
                        order by c.relname""")
                .param(runId).query(String.class).list();
        // names matched above: a prefix of ours, digits and a fixed suffix
        tables.forEach(table -> jdbc.sql("alter table " + table + " reset (autovacuum_enabled)").update());
        return tables;
    }
}
