package io.strata.adapters.persistence.database;

import liquibase.exception.LiquibaseException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * The database was migrated by a newer version of Strata than this one: it holds changesets this version's changelog
 * does not know. This version's statements were written for its own schema, so it neither starts on such a database
 * nor, once one appeared while it ran, answers requests (docs/scale-out.md, "Upgrading").
 */
public final class NewerSchema extends LiquibaseException {

    static final String HOW = "Stop every node of this version and run the newer one (docs/scale-out.md, \"Upgrading\"); "
            + "going back to this version needs the database as it was before the upgrade, from a backup.";

    /** What was found, without what to do (Boot's failure report says that apart). */
    private final String found;

    private NewerSchema(String found) {
        super(found + " " + HOW);
        this.found = found;
    }

    /** Why a node does not start: how many changesets it does not know, the newest of them and when it was applied (the database's clock). */
    static NewerSchema atStart(int unknown, String newestId, String appliedAt) {
        return new NewerSchema("This Strata does not start: a newer version has migrated its database, which holds " + unknown
                + (unknown == 1 ? " change" : " changes") + " to the schema that this version does not know (the newest '"
                + newestId + "', applied " + appliedAt + "). This version would work on a schema it was not written for.");
    }

    /** Why a running node refuses requests: the database now holds changesets applied after this node started. */
    public static String whileRunning(long unknown, String newestId, String appliedAt) {
        return "This Strata node runs an older version than the one that has since migrated the database (" + unknown
                + (unknown == 1 ? " change" : " changes") + " to the schema that this version does not know, the newest '"
                + newestId + "', applied " + appliedAt + "), so it answers no more requests: its answers could be wrong. "
                + "Send the request again to a node of the new version. " + HOW;
    }

    /**
     * Spring Boot's report of a start refused so (META-INF/spring.factories): what was found and what to do, in place of
     * a stack trace whose last cause was the sentence. Strata stops with exit status 1.
     */
    public static final class Analyzer extends AbstractFailureAnalyzer<NewerSchema> {

        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, NewerSchema cause) {
            return new FailureAnalysis(cause.found, HOW + " Strata stops with exit status 1; starting this version again does "
                    + "not help.", cause);
        }
    }
}
