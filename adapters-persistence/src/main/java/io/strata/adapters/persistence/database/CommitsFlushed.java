package io.strata.adapters.persistence.database;

/**
 * What a VACUUM right after a commit needs first: that commit flushed to the WAL. PostgreSQL sets a row's hint bits, and
 * VACUUM a page's bit in the visibility map, only for commits already flushed; with {@code synchronous_commit} off (the
 * benchmarks' no-fsync mode, the tests, a server set so) the WAL writer flushes a commit up to three times
 * {@code wal_writer_delay} later (600 ms by default), and a VACUUM right after it marked nothing (session 37). This
 * statement, run with autocommit, is a transaction of its own that takes an id, writes a WAL record (a logical-decoding
 * message, which any user may emit and nothing reads) and commits with {@code synchronous_commit} on, local to it: that
 * flushes the WAL up to its commit record, every earlier commit included, at once. PostgreSQL commits a transaction that
 * wrote no WAL asynchronously whatever the setting, hence the message. With synchronous commits (the default, every
 * durable setting of the embedded server) everything is flushed already and this costs one small commit. Best effort:
 * PostgreSQL keeps one commit position per 32 transaction ids, so an asynchronous commit of a neighbouring id after it
 * can still hold some pages back until the next flush. Used by the run's partitions' vacuum and the imports' vacuum.
 */
public final class CommitsFlushed {

    public static final String SQL = "do $$ begin perform set_config('synchronous_commit', 'on', true); perform pg_current_xact_id();"
            + " perform pg_logical_emit_message(false, 'strata', 'commits flushed before a vacuum'); end $$";

    private CommitsFlushed() {
    }
}
