package io.strata.adapters.persistence.imports;

import io.strata.adapters.persistence.database.DatabaseSettings;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Plain statements on an import's connection: the staging work is a few dozen of them, none with parameters. */
final class Statements {

    private Statements() {
    }

    static long update(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return statement.executeLargeUpdate(sql);
        }
    }

    /** {@code strata.db.tuning.work-mem} for the rest of the transaction. */
    static void useWorkMem(Connection connection, DatabaseSettings.Tuning tuning) throws SQLException {
        update(connection, "set local work_mem = '" + DatabaseSettings.Tuning.setting(tuning.workMem()) + "'");
    }

    static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); var rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
