package io.strata.adapters.persistence.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The embedded PostgreSQL did not start on the cluster in STRATA_DATA_DIR: Strata stops (exit status 1) and says why in
 * a few lines, instead of Spring's nested causes. A cluster written by another major version of PostgreSQL is told
 * apart at once, before any server is started: the server would refuse it ("database files are incompatible with
 * server"), and the library starting it would only give up after its minute's wait.
 */
public final class EmbeddedClusterRefused extends RuntimeException {

    /** What to do, as Spring Boot's report prints it apart ("Action:"). */
    private final String action;

    private EmbeddedClusterRefused(String found, String action, Throwable cause) {
        super(found, cause);
        this.action = action;
    }

    /** A cluster of another major version than the binaries' ({@code written} as its PG_VERSION says). */
    static EmbeddedClusterRefused otherVersion(Path cluster, String written, int shipped) {
        String found = "The embedded database in " + cluster + " was written by PostgreSQL " + written + ", and this Strata runs"
                + " PostgreSQL " + shipped + ", which cannot read it. Nothing in the directory was changed.";
        String action = newer(written, shipped)
                ? "Start the newer Strata that wrote it (going back to this version needs a backup made before that upgrade),"
                : "Start the Strata version that wrote it, or move the cluster to PostgreSQL " + shipped + " with that version's pg_upgrade or a"
                        + " dump and restore (docs/architecture.md, \"Embedded PostgreSQL\"),";
        return new EmbeddedClusterRefused(found, action + " or set STRATA_DATA_DIR to another directory for a new, empty database, or"
                + " STRATA_DB_URL to use an external PostgreSQL.", null);
    }

    /** A PG_VERSION that names no version: not a cluster PostgreSQL wrote, or a damaged one. */
    static EmbeddedClusterRefused unreadable(Path cluster, String written) {
        return new EmbeddedClusterRefused("The embedded database in " + cluster + " is no PostgreSQL cluster Strata can read: its"
                + " PG_VERSION holds '" + written + "' instead of a version number. Nothing in the directory was changed.",
                "Restore the directory from a backup, or set STRATA_DATA_DIR to another directory for a new, empty database, or"
                        + " STRATA_DB_URL to use an external PostgreSQL.", null);
    }

    /**
     * Another Strata runs on the data directory ({@code holder}: its pid, when it wrote one). Its server is left alone:
     * asking it to stop would take the database from under the Strata that uses it.
     */
    static EmbeddedClusterRefused inUse(Path dataDirectory, Optional<Long> holder) {
        String who = holder.map(pid -> "Another Strata (pid " + pid + ")").orElse("Another program");
        return new EmbeddedClusterRefused(who + " is using the data directory " + dataDirectory + " and its embedded database."
                + " This Strata did not start, and that one and its database were not touched.",
                "Stop the other Strata first if this one is to take its place, or start this one with STRATA_DATA_DIR set to"
                        + " another directory (a database of its own), or set STRATA_DB_URL on both to share an external"
                        + " PostgreSQL (several Strata nodes may use one).", null);
    }

    /** The cluster asks for its superuser's password and the file that kept it is gone. */
    static EmbeddedClusterRefused passwordMissing(Path passwordFile) {
        return new EmbeddedClusterRefused("The embedded database asks for its superuser's password, and the file that kept it, "
                + passwordFile + ", is missing. Nothing in the directory was changed.",
                "Restore that file from a backup of the data directory (it is part of it), or set STRATA_DATA_DIR to another directory"
                        + " for a new, empty database, or STRATA_DB_URL to use an external PostgreSQL.", null);
    }

    /**
     * The server ended in its start (pg_ctl gave up, no server holds the cluster): most often a setting it refuses in
     * the cluster's postgresql.conf or postgresql.auto.conf; {@code words}: what it wrote before its log opened.
     */
    static EmbeddedClusterRefused diedInStart(Path cluster, String words) {
        return new EmbeddedClusterRefused("The embedded PostgreSQL stopped during its start in " + cluster + ". " + words
                + ". Nothing in the directory was changed.",
                "Correct or remove the setting PostgreSQL names (in " + cluster.resolve("postgresql.conf") + " or "
                        + cluster.resolve("postgresql.auto.conf") + ", or STRATA_DB_TUNING_SERVER_*), then start again; the whole"
                        + " of its words is in " + cluster.getParent().resolve(ServerStartWatch.START_OUTPUT) + " and "
                        + cluster.resolve(EmbeddedPostgresServer.SERVER_LOG_DIRECTORY) + ". Or set STRATA_DB_URL to use an external PostgreSQL.",
                null);
    }

    /** The server did not come up for another reason; {@code why} is the library's sentence. */
    static EmbeddedClusterRefused notStarted(Path cluster, String why, Throwable cause) {
        return new EmbeddedClusterRefused("The embedded PostgreSQL did not start in " + cluster + ": " + why + ".",
                "Check that the directory is writable, has free space and is used by no other program, and that the embedded server's settings"
                        + " (STRATA_DB_TUNING_SERVER_*) are ones PostgreSQL takes; PostgreSQL's own words are in "
                        + cluster.resolve(EmbeddedPostgresServer.SERVER_LOG_DIRECTORY) + ", or, for what it said before opening that"
                        + " log, in " + cluster.getParent().resolve(ServerStartWatch.START_OUTPUT) + ". Or set STRATA_DB_URL to use an"
                        + " external PostgreSQL.",
                cause);
    }

    /**
     * An I/O failure in words: the JDK's exceptions for a file in the way, a missing permission or a missing parent
     * carry only the path as their message ("did not start in …/pg: /srv/strata." said nothing).
     */
    static String said(IOException failure) {
        if (failure instanceof java.nio.file.FileAlreadyExistsException inTheWay) {
            return inTheWay.getFile() + " exists and is not a directory";
        }
        if (failure instanceof java.nio.file.AccessDeniedException denied) {
            return "no permission to write " + denied.getFile();
        }
        if (failure instanceof java.nio.file.NoSuchFileException missing) {
            return missing.getFile() + " does not exist";
        }
        if (failure instanceof java.nio.file.FileSystemException other && other.getReason() != null) {
            return other.getFile() + ": " + other.getReason();
        }
        return failure.getMessage();
    }

    /** What to do about it, as the start's report prints it. */
    public String action() {
        return action;
    }

    private static boolean newer(String written, int shipped) {
        return Integer.parseInt(written) > shipped;
    }

    /** Spring Boot's report of a start that failed so (META-INF/spring.factories). */
    public static final class Analyzer extends AbstractFailureAnalyzer<EmbeddedClusterRefused> {

        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedClusterRefused cause) {
            return new FailureAnalysis(cause.getMessage(), cause.action, cause);
        }
    }
}
