package io.strata.adapters.persistence.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/** Run in a child JVM: starts the server, writes a row, then dies like a kill -9 (no shutdown hooks). */
public final class KilledOwner {

    private KilledOwner() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]));
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password()); Statement s = c.createStatement()) {
            s.execute("create table kept (v text); insert into kept values ('orphaned')");
        }
        Runtime.getRuntime().halt(0);
    }
}
