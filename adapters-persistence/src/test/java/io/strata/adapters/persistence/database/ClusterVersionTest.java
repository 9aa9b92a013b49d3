package io.strata.adapters.persistence.database;

import io.strata.adapters.persistence.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A cluster written by another major version of PostgreSQL than the shipped binaries is refused before any server
 * starts, with what was found and what to do (docs/architecture.md, "Embedded PostgreSQL"); before session 55 the
 * library started the server, which refused the files, and gave up after a minute with a hint about permissions.
 */
class ClusterVersionTest {

    @TempDir
    Path cluster;

    /** The version Strata believes it ships is the one the tests' real server runs (17 here, 15 in the second CI pass). */
    @Test
    void theShippedMajorVersionIsTheRunningServers() {
        int running = JdbcClient.create(TestDatabase.dataSource()).sql("select current_setting('server_version_num')::int / 10000")
                .query(Integer.class).single();
        String built = System.getProperty("postgres-binaries.version");

        assertThat(ClusterVersion.SHIPPED).isEqualTo(running).isEqualTo(Integer.parseInt(built.substring(0, built.indexOf('.'))));
    }

    @Test
    void aClusterOfAnOlderMajorVersionIsRefusedWithTheWayForward() throws IOException {
        int older = ClusterVersion.SHIPPED - 1;
        cluster(older + "\n");

        assertThatThrownBy(() -> ClusterVersion.check(cluster)).isInstanceOf(EmbeddedClusterRefused.class)
                .hasMessage("The embedded database in " + cluster + " was written by PostgreSQL " + older + ", and this Strata runs PostgreSQL "
                        + ClusterVersion.SHIPPED + ", which cannot read it. Nothing in the directory was changed.");
        assertThat(action()).startsWith("Start the Strata version that wrote it, or move the cluster to PostgreSQL " + ClusterVersion.SHIPPED
                + " with that version's pg_upgrade");
    }

    @Test
    void aClusterOfANewerMajorVersionSendsTheUserBackToTheNewerStrata() throws IOException {
        cluster("99\n");

        assertThatThrownBy(() -> ClusterVersion.check(cluster)).isInstanceOf(EmbeddedClusterRefused.class)
                .hasMessageContaining("was written by PostgreSQL 99, and this Strata runs PostgreSQL " + ClusterVersion.SHIPPED);
        assertThat(action()).startsWith("Start the newer Strata that wrote it (going back to this version needs a backup made before that upgrade)")
                .endsWith("or set STRATA_DATA_DIR to another directory for a new, empty database, or STRATA_DB_URL to use an external PostgreSQL.");
    }

    @Test
    void aVersionFileThatNamesNoVersionIsRefusedAsNoCluster() throws IOException {
        cluster("PostgreSQL\n");

        assertThatThrownBy(() -> ClusterVersion.check(cluster)).isInstanceOf(EmbeddedClusterRefused.class)
                .hasMessage("The embedded database in " + cluster + " is no PostgreSQL cluster Strata can read: its PG_VERSION holds"
                        + " 'PostgreSQL' instead of a version number. Nothing in the directory was changed.");
    }

    /** Binary bytes that are no UTF-8, a NUL, a line break: refused in the same words, control characters escaped. */
    @Test
    void aVersionFileOfBinaryBytesIsRefusedAsNoClusterInOneLine() throws IOException {
        Files.write(cluster.resolve("PG_VERSION"), new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, '1', '\n', '7'});
        Files.writeString(cluster.resolve("postgresql.conf"), "");

        assertThatThrownBy(() -> ClusterVersion.check(cluster)).isInstanceOf(EmbeddedClusterRefused.class)
                .hasMessage("The embedded database in " + cluster + " is no PostgreSQL cluster Strata can read: its PG_VERSION holds"
                        + " '\u00ff\u00fe\\u00001\\u000a7' instead of a version number. Nothing in the directory was changed.");
    }

    @Test
    void aClusterOfTheShippedVersionAndADirectoryWithoutOneAreLeftToTheServer() throws IOException {
        assertThatCode(() -> ClusterVersion.check(cluster)).as("empty: initdb makes one").doesNotThrowAnyException();
        Files.writeString(cluster.resolve("PG_VERSION"), "16\n");
        assertThatCode(() -> ClusterVersion.check(cluster)).as("no postgresql.conf: the library runs initdb again").doesNotThrowAnyException();
        cluster(ClusterVersion.SHIPPED + "\n");
        assertThatCode(() -> ClusterVersion.check(cluster)).doesNotThrowAnyException();
    }

    private void cluster(String version) throws IOException {
        Files.writeString(cluster.resolve("PG_VERSION"), version);
        Files.writeString(cluster.resolve("postgresql.conf"), "");
    }

    private String action() {
        try {
            ClusterVersion.check(cluster);
            throw new AssertionError("not refused");
        } catch (EmbeddedClusterRefused refused) {
            return new EmbeddedClusterRefused.Analyzer().analyze(refused).getAction();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
