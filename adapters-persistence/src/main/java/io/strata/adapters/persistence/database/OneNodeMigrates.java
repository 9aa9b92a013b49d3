package io.strata.adapters.persistence.database;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.changelog.RanChangeSet;
import liquibase.exception.LiquibaseException;
import liquibase.integration.spring.SpringLiquibase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.ResultSet;
import java.sql.Statement;
import java.text.SimpleDateFormat;
import java.util.Collection;
import java.util.Comparator;

/**
 * Liquibase, one node at a time. Several nodes started at the same moment on an empty database each found no
 * {@code databasechangelog} table and created it; Liquibase's own lock (the {@code databasechangeloglock} row) is
 * taken only after that, so every node but the first failed to start with "relation "databasechangelog" already
 * exists" (Liquibase issue 5254). Here the whole migration runs under a PostgreSQL session-level advisory lock on a
 * connection of its own: a node that comes second waits until the first has migrated, then finds nothing to do.
 * A node that dies while migrating loses its connection, and PostgreSQL ends the lock with it.
 * <p>
 * A database that a newer version of Strata has migrated (it holds changesets this version's changelog does not
 * know; Liquibase would pass over them and start) is refused before anything is migrated: this version would work on
 * a schema it was not written for ({@link NewerSchema}; docs/scale-out.md, "Upgrading"). The changesets the database
 * holds once this node has migrated are counted ({@link #changeSetsAtStart()}), so that a running node can tell that a
 * newer one migrated the database after it started ({@link SchemaAhead}).
 */
public class OneNodeMigrates extends SpringLiquibase {
    // Before anything else, a database that cannot hold Strata's work (read-only, no schema, no right to create in it,
    // tables of another role, a pooler in transaction mode) is refused with one report ({@link DatabaseUnfit}).


    private static final Logger log = LoggerFactory.getLogger(OneNodeMigrates.class);

    /** The advisory lock's key: apart from every other lock of Strata (all of them hash other names or use pairs). */
    static final String LOCK = "select pg_advisory_lock(hashtext('strata-schema-migrations'))";
    static final String UNLOCK = "select pg_advisory_unlock(hashtext('strata-schema-migrations'))";

    private volatile long changeSetsAtStart = -1;

    /** The changesets the database held once this node had migrated it: this version's own, all of them. */
    public long changeSetsAtStart() {
        return changeSetsAtStart;
    }

    @Override
    protected void performUpdate(Liquibase liquibase) throws LiquibaseException {
        Collection<RanChangeSet> unknown = liquibase.listUnexpectedChangeSets(new Contexts(getContexts()), new LabelExpression(getLabelFilter()));
        if (!unknown.isEmpty()) {
            RanChangeSet newest = unknown.stream().max(Comparator.comparing(RanChangeSet::getDateExecuted)).orElseThrow();
            throw NewerSchema.atStart(unknown.size(), newest.getId(),
                    new SimpleDateFormat("yyyy-MM-dd HH:mm").format(newest.getDateExecuted()));
        }
        super.performUpdate(liquibase);
    }

    @Override
    public void afterPropertiesSet() throws LiquibaseException {
        try (Connection turn = getDataSource().getConnection(); Statement sql = turn.createStatement()) {
            turn.setAutoCommit(true);
            DatabaseUnfit.check(turn, getDataSource());
            long waitedFrom = System.nanoTime();
            sql.execute(LOCK);
            long waitedMs = (System.nanoTime() - waitedFrom) / 1_000_000;
            if (waitedMs > 1_000) {
                log.info("Waited {} ms for another node to finish migrating the schema", waitedMs);
            }
            try {
                super.afterPropertiesSet();
                try (ResultSet count = sql.executeQuery("select count(*) from databasechangelog")) {
                    count.next();
                    changeSetsAtStart = count.getLong(1);
                }
            } finally {
                sql.execute(UNLOCK);
            }
        } catch (SQLException e) {
            throw new LiquibaseException("Could not take the schema migrations' turn on the database: " + e.getMessage(), e);
        }
    }
}
