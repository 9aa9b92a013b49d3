package io.strata.adapters.persistence.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Run in a child JVM: starts the server, then waits for a SIGTERM. Its own shutdown hook stands in for the
 * application's (Spring closes its context in one: the web server lets the requests under way finish, then the pool
 * and the server are closed): two seconds after the signal it asks the database something and prints what it got,
 * then closes the server.
 */
public final class StoppedOwner {

    private StoppedOwner() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Thread.sleep(2_000);
                try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password()); Statement s = c.createStatement();
                     ResultSet r = s.executeQuery("select 'answered'")) {
                    r.next();
                    System.out.println("after the signal: " + r.getString(1));
                }
            } catch (Exception e) {
                System.out.println("after the signal: failed: " + e.getMessage());
            } finally {
                server.close();
                System.out.println("closed");
            }
        }));
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(120_000);
    }
}
