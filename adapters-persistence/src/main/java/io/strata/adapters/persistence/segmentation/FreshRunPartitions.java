package io.strata.adapters.persistence.segmentation;

import io.strata.adapters.persistence.database.CommitsFlushed;
import io.strata.adapters.persistence.database.OlderSnapshots;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The partitions a completed run wrote (its assignments, {@code run_assignments_<id>}, and its tactical memberships,
 * {@code tactical_members_<id>}), vacuumed once the run has answered (issue 19 item 4). Their rows were written by one
 * statement inside the run's transaction: no page is in PostgreSQL's visibility map and no row has its hint bits set.
 * Every preview reads the parent segment's members from the assignments' {@code (run_id, segment_key, customer_key)}
 * index; outside the map that index-only scan reads a heap page per member, and the first reader of each page also
 * looks up the run's commit and writes the page back with the hint bits, until autovacuum's visit a minute or more
 * later: at 10M an attribute preview asked for right after the run's answer took 5.0 s, 2.2 s beside this vacuum
 * (docs/benchmarks.md, session 37).
 *
 * <p>{@code VACUUM} (not FREEZE: freezing would log every page once more) sets the bits and the map in one pass, and
 * {@code ANALYZE} beside it gives the memberships statistics (the run analyses its assignments inside its transaction,
 * where autovacuum's counters do not see it: analysed here, autovacuum finds nothing left to do on either table). Both
 * were created with autovacuum off ({@link RunPartitionsAutovacuum}), which is given back to them afterwards;
 * {@code SKIP_LOCKED}, so that it never waits behind autovacuum already at the table, or a drop of an old run's
 * partition. It runs with autocommit, outside any transaction (VACUUM cannot run in one), on the follow-up worker: the
 * run's caller has its answer already. Rows become visible to all only once no snapshot older than the run's commit is
 * open; a transaction that started before it (a long report) leaves those pages to autovacuum.
 *
 * <p>That case is looked for first ({@link OlderSnapshots}): such a VACUUM would mark nothing yet reset the count of
 * inserted rows by which autovacuum, given back to the table just after, would come for it, and a run's partition is
 * never written again, so its pages would stay out of the map. Then the partition is only analysed (its statistics are
 * wanted either way) and the vacuum left to autovacuum; the log line of the follow-ups names the holder. The commit
 * looked at is the one of the rows' writer: the {@code xmin} of one row of each table (each is written by one
 * statement), the newest of them.
 */
final class FreshRunPartitions {

    private FreshRunPartitions() {
    }

    /** Vacuums the run's partitions that exist; answers what it did, for the log ("run_assignments_7 120 ms, ..."). */
    static String vacuum(JdbcClient jdbc, long runId) {
        List<String> done = new ArrayList<>();
        // names built from the numeric run id only
        for (String partition : List.of(SqlSegmentationRun.partition(runId), "tactical_members_" + runId)) {
            if (jdbc.sql("select to_regclass(?) is not null").param(partition).query(Boolean.class).single()) {
                long started = System.nanoTime();
                // the tables holding rows (a run in halves: its two halves); analysing the partitioned table itself
                // would sample both halves once more for statistics no run has had so far. A table outside any
                // partition tree lists nothing: then the table itself (never an empty list, which vacuums everything)
                List<String> leaves = jdbc.sql("select relid::regclass::text from pg_partition_tree(?::regclass) where isleaf order by 1")
                        .param(partition).query(String.class).list();
                List<String> tables = leaves.isEmpty() ? List.of(partition) : leaves;
                Optional<String> holder = olderSnapshot(jdbc, tables);
                if (holder.isPresent()) {
                    jdbc.sql("analyze (skip_locked) " + String.join(", ", tables)).update();
                    done.add(partition + " " + (System.nanoTime() - started) / 1_000_000 + " ms, analysed only (its vacuum left to autovacuum: "
                            + holder.get() + " holds a snapshot older than its rows)");
                    continue;
                }
                // the run's commits flushed, or with asynchronous commits the vacuum marks nothing
                jdbc.sql(CommitsFlushed.SQL).update();
                jdbc.sql("vacuum (analyze, skip_locked) " + String.join(", ", tables)).update();
                done.add(partition + " " + (System.nanoTime() - started) / 1_000_000 + " ms");
            }
        }
        List<String> givenBack = RunPartitionsAutovacuum.giveBack(jdbc, runId);
        return String.join(", ", done) + (givenBack.isEmpty() ? "" : "; autovacuum given back " + String.join(", ", givenBack));
    }

    /** The holder of a snapshot older than the newest writer of {@code tables}' rows; nothing for tables without rows. */
    private static Optional<String> olderSnapshot(JdbcClient jdbc, List<String> tables) {
        // one row of each table, from the first page the scan meets, whatever the table's size
        String firstRows = String.join(" union all ", tables.stream().map(table -> "(select xmin from " + table + " limit 1)").toList());
        Optional<String> writer = jdbc.sql("select x::text from (" + firstRows + ") w(x) order by age(x) limit 1")
                .query(String.class).optional();
        return writer.isEmpty() ? Optional.empty() : jdbc.sql(OlderSnapshots.SQL).param(writer.get()).query(String.class).optional();
    }
}
