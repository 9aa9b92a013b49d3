package io.strata.adapters.persistence.database;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Which major version of PostgreSQL wrote a cluster (its PG_VERSION file, one line such as {@code 17}), against the
 * major version of the binaries this build ships ({@code postgres-binaries.version}, written into
 * postgres-binaries.properties by Maven). A server never reads a cluster of another major version.
 */
final class ClusterVersion {

    /** The shipped binaries' major version: 17 for 17.11.0. */
    static final int SHIPPED = shippedMajor();

    private ClusterVersion() {
    }

    /**
     * Refuses a cluster that a server of the shipped version cannot read. A directory without a cluster yet (no
     * PG_VERSION, or no postgresql.conf, where the library runs initdb again) is left to initdb.
     */
    static void check(Path cluster) throws IOException {
        Path versionFile = cluster.resolve("PG_VERSION");
        if (!Files.exists(versionFile) || !Files.exists(cluster.resolve("postgresql.conf"))) {
            return;
        }
        String written = firstBytes(versionFile).strip();
        if (!written.matches("[0-9]{1,4}")) {
            throw EmbeddedClusterRefused.unreadable(cluster, shown(written));
        }
        if (Integer.parseInt(written) != SHIPPED) {
            throw EmbeddedClusterRefused.otherVersion(cluster, written, SHIPPED);
        }
    }

    /**
     * The file's first 64 bytes, each as one character: a damaged or foreign file (binary bytes, not UTF-8, gigabytes)
     * is then refused as no cluster in the same words, instead of failing to decode or being read whole.
     */
    private static String firstBytes(Path versionFile) throws IOException {
        try (InputStream in = Files.newInputStream(versionFile)) {
            return new String(in.readNBytes(64), StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * At most 40 characters, control characters written as a Java escape (backslash, u, four hex digits), so that the
     * report stays one readable line.
     */
    private static String shown(String written) {
        StringBuilder shown = new StringBuilder();
        for (char c : (written.length() > 40 ? written.substring(0, 40) : written).toCharArray()) {
            shown.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return written.length() > 40 ? shown + "…" : shown.toString();
    }

    private static int shippedMajor() {
        Properties binaries = new Properties();
        try (InputStream in = ClusterVersion.class.getResourceAsStream("postgres-binaries.properties")) {
            if (in == null) {
                throw new IllegalStateException("postgres-binaries.properties is missing from Strata's jar");
            }
            binaries.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = binaries.getProperty("version", "");
        if (!version.matches("[0-9]+\\..*")) {
            throw new IllegalStateException("postgres-binaries.properties names no version: '" + version + "' (was it filtered by Maven?)");
        }
        return Integer.parseInt(version.substring(0, version.indexOf('.')));
    }
}
