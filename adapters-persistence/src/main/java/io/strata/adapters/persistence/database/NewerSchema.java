package io.strata.adapters.persistence.database;

import liquibase.exception.LiquibaseException;

/**
 * The database was migrated by a newer version of Strata than this one: it holds changesets this version's changelog
 * does not know. This version's statements were written for its own schema, so it neither starts on such a database
 * nor, once one appeared while it ran, answers requests (docs/scale-out.md, "Upgrading").
 */
public final class NewerSchema extends LiquibaseException {

    static final String HOW = "Stop every node of this version and run the newer one (docs/scale-out.md, \"Upgrading\"); "
            + "going back to this version needs the database as it was before the upgrade, from a backup.";

    NewerSchema(String message) {
        super(message);
    }

    /** Why a node does not start: how many changesets it does not know, the newest of them and when it was applied (the database's clock). */
    static String atStart(int unknown, String newestId, String appliedAt) {
        return "This Strata does not start: a newer version has migrated its database, which holds " + unknown
                + (unknown == 1 ? " change" : " changes") + " to the schema that this version does not know (the newest '"
                + newestId + "', applied " + appliedAt + "). This version would work on a schema it was not written for. " + HOW;
    }

    /** Why a running node refuses requests: the database now holds changesets applied after this node started. */
    public static String whileRunning(long unknown, String newestId, String appliedAt) {
        return "This Strata node runs an older version than the one that has since migrated the database (" + unknown
                + (unknown == 1 ? " change" : " changes") + " to the schema that this version does not know, the newest '"
                + newestId + "', applied " + appliedAt + "), so it answers no more requests: its answers could be wrong. "
                + "Send the request again to a node of the new version. " + HOW;
    }
}
