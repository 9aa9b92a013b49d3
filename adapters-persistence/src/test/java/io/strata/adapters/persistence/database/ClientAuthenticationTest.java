package io.strata.adapters.persistence.database;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded database asks every connection for its superuser's password. Before session 56 the library's cluster
 * trusted every connection on the loopback and the Unix socket: any user of the machine could connect as the
 * superuser without a password, read and change every customer, and run programs as the server's OS user
 * ({@code copy … from program 'id'} answered for the user "nobody" in a try from outside).
 */
class ClientAuthenticationTest {

    @TempDir
    Path dataDir;

    @Test
    void aConnectionWithoutThePasswordIsRefusedAndTheKeptPasswordIsTheOwnersAlone() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl()).close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("password");
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), "postgres", "guess").close())
                    .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
            assertThat(selectOne(server.jdbcUrl(), server.password())).isEqualTo(1);

            Path kept = dataDir.resolve(SuperuserPassword.FILE);
            assertThat(Files.readString(kept).strip()).isEqualTo(server.password()).matches("[A-Za-z0-9_-]{43}");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept))).isEqualTo("rw-------");
            assertThat(rules(server)).doesNotContain("trust").contains("scram-sha-256");
        }
        // the next start reads the same password: the cluster asks for it from its first start on
        String first = Files.readString(dataDir.resolve(SuperuserPassword.FILE)).strip();
        try (EmbeddedPostgresServer again = EmbeddedPostgresServer.start(dataDir)) {
            assertThat(again.password()).isEqualTo(first);
            assertThatThrownBy(() -> DriverManager.getConnection(again.jdbcUrl()).close()).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void aClusterOfAnEarlierStrataThatTrustedEveryoneAsksForAPasswordFromItsNextStartOnAndKeepsItsData() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            execute(server, "create table kept (v text); insert into kept values ('before')");
        }
        // as the library's initdb wrote it, and as every cluster of a Strata before session 56 still has it
        Path hba = dataDir.resolve("pg").resolve("pg_hba.conf");
        Files.writeString(hba, """
                # TYPE  DATABASE        USER            ADDRESS                 METHOD
                local   all             all                                     trust
                host    all             all             127.0.0.1/32            trust
                host    all             all             ::1/128                 trust
                local   replication     all                                     trust
                host    replication     all             127.0.0.1/32            trust
                host    replication     all             ::1/128                 trust
                # a rule written by hand keeps its own method
                host    all             backup          10.0.0.0/8              md5
                """);
        Files.delete(dataDir.resolve(SuperuserPassword.FILE));

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            assertThat(Files.readString(hba)).isEqualTo("""
                    # TYPE  DATABASE        USER            ADDRESS                 METHOD
                    local   all             all                                     scram-sha-256
                    host    all             all             127.0.0.1/32            scram-sha-256
                    host    all             all             ::1/128                 scram-sha-256
                    local   replication     all                                     scram-sha-256
                    host    replication     all             127.0.0.1/32            scram-sha-256
                    host    replication     all             ::1/128                 scram-sha-256
                    # a rule written by hand keeps its own method
                    host    all             backup          10.0.0.0/8              md5
                    """);
            // the reload is the postmaster's: a new connection without the password is refused once it has happened
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            boolean refused = false;
            while (!refused && System.nanoTime() < deadline) {
                try (Connection c = DriverManager.getConnection(server.jdbcUrl())) {
                    Thread.sleep(50);
                } catch (SQLException expected) {
                    refused = true;
                }
            }
            assertThat(refused).as("a connection without the password refused").isTrue();
            assertThat(queryOne(server, "select v from kept")).isEqualTo("before");
        }
    }

    @Test
    void aClusterThatAsksForAPasswordWhoseFileIsGoneIsRefusedAtOnceAndLeftAsItWas() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            assertThat(selectOne(server.jdbcUrl(), server.password())).isEqualTo(1);
        }
        Files.delete(dataDir.resolve(SuperuserPassword.FILE));
        String rules = Files.readString(dataDir.resolve("pg").resolve("pg_hba.conf"));

        long started = System.nanoTime();
        assertThatThrownBy(() -> EmbeddedPostgresServer.start(dataDir))
                .isInstanceOf(EmbeddedClusterRefused.class)
                .hasMessage("The embedded database asks for its superuser's password, and the file that kept it, "
                        + dataDir.toAbsolutePath().resolve(SuperuserPassword.FILE) + ", is missing. Nothing in the directory was changed.");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(dataDir.resolve(SuperuserPassword.FILE)).doesNotExist();
        assertThat(Files.readString(dataDir.resolve("pg").resolve("pg_hba.conf"))).isEqualTo(rules);
    }

    private static String rules(EmbeddedPostgresServer server) throws Exception {
        return queryOne(server, "select string_agg(auth_method, ',') from pg_hba_file_rules");
    }

    private static int selectOne(String url, String password) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", password); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void execute(EmbeddedPostgresServer server, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password()); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String queryOne(EmbeddedPostgresServer server, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
