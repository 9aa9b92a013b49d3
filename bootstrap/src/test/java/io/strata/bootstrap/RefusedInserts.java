package io.strata.bootstrap;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A real failure for tests of units of work: while open, the database refuses the inserts into one table that match a
 * condition (a trigger raising an error), wherever in a use case they happen. Closing drops the trigger.
 */
public final class RefusedInserts implements AutoCloseable {

    private static final String TRIGGER = "strata_test_refused_inserts";

    private final JdbcClient jdbc;
    private final String table;

    private RefusedInserts(JdbcClient jdbc, String table) {
        this.jdbc = jdbc;
        this.table = table;
    }

    /** {@code condition} is a trigger's WHEN clause over {@code new}, e.g. {@code new.subject_type = 'campaign'}. */
    public static RefusedInserts into(JdbcClient jdbc, String table, String condition) {
        jdbc.sql("""
                create or replace function strata_test_refuse_insert() returns trigger language plpgsql as $$
                begin
                    raise exception 'the test refuses this insert into %', tg_table_name;
                end $$""").update();
        jdbc.sql("create trigger " + TRIGGER + " before insert on " + table + " for each row when (" + condition + ")"
                + " execute function strata_test_refuse_insert()").update();
        return new RefusedInserts(jdbc, table);
    }

    @Override
    public void close() {
        jdbc.sql("drop trigger if exists " + TRIGGER + " on " + table).update();
    }
}
