package io.strata.adapters.persistence.database;

import java.nio.file.Path;

/**
 * Run in a child JVM: a Strata's embedded server that keeps running. Prints its JDBC URL on one line, then holds the
 * server until its standard input closes, and stops it.
 */
public final class RunningOwner {

    private RunningOwner() {
    }

    public static void main(String[] args) throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]),
                EmbeddedPostgresServer.Durability.NO_FSYNC_FOR_BENCHMARKS, DatabaseSettings.Tuning.defaults())) {
            System.out.println("url=" + server.jdbcUrl());
            System.out.flush();
            while (System.in.read() >= 0) {
                // until the test closes our input
            }
        }
    }
}
