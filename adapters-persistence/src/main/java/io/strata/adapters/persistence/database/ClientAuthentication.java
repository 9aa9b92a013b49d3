package io.strata.adapters.persistence.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The embedded cluster's client authentication ({@code pg_hba.conf}): every connection gives a password
 * (scram-sha-256), none is trusted. The library runs initdb with {@code -A trust}, so a new cluster, and every
 * cluster of a Strata before session 56, trusts every connection on the loopback and the Unix socket; at its first
 * start here the superuser gets the data directory's password ({@link SuperuserPassword}) and each rule's method
 * {@code trust} becomes {@code scram-sha-256} (a rule written by hand with another method stays as it is).
 */
final class ClientAuthentication {

    /** A rule's method at the end of a line that is not a comment. */
    private static final Pattern TRUSTED = Pattern.compile("(?m)^(\\s*(?:local|host\\w*)\\b[^#\\n]*?\\s)trust(\\s*(?:#.*)?)$");

    private ClientAuthentication() {
    }

    /** Whether any rule of the cluster's pg_hba.conf trusts its connections. */
    static boolean trustsAnyone(Path cluster) throws IOException {
        Path rules = cluster.resolve("pg_hba.conf");
        return Files.exists(rules) && TRUSTED.matcher(Files.readString(rules)).find();
    }

    /** After a start: the password set and asked for, if the cluster still trusts anyone. */
    static void requirePassword(EmbeddedPostgres postgres, Path cluster, String password) throws IOException {
        if (!trustsAnyone(cluster)) {
            return;
        }
        Path rules = cluster.resolve("pg_hba.conf");
        try (Connection c = postgres.getDatabase("postgres", "postgres", Map.of("password", password)).getConnection();
             Statement s = c.createStatement()) {
            // hashed by the driver (SCRAM verifier): the password itself never reaches the server, nor its log
            c.unwrap(PGConnection.class).alterUserPassword("postgres", password.toCharArray(), "scram-sha-256");
            Matcher trusted = TRUSTED.matcher(Files.readString(rules));
            Files.writeString(rules, trusted.replaceAll("$1scram-sha-256$2"));
            s.execute("select pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("the embedded database's superuser could not be given its password: " + e.getMessage(), e);
        }
    }
}
