package io.strata.adapters.persistence.testing;

import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The test database as work written in two halves sees it, with an import committed between the halves: the first
 * connection asked for is the lower half's (its transaction takes the snapshot both halves must read and exports it);
 * when a second one is asked for, {@code importing} first commits on a connection of its own, and every later request
 * waits until it has. The second may be the upper half's or, in a run, the previews' read-ahead started just before
 * the upper half (a thread of its own): either way the import is committed after the lower half's snapshot and before
 * the upper half has a connection, so an upper half that did not import the exported snapshot would read it. For the
 * run's rows ({@code RunHalves}) and the tactical memberships ({@code MembershipHalves}) alike.
 */
public final class ImportBetweenHalves extends DelegatingDataSource {

    private final Runnable importing;
    private final AtomicInteger asked = new AtomicInteger();

    private ImportBetweenHalves(Runnable importing) {
        super(TestDatabase.dataSource());
        this.importing = importing;
    }

    /** The test database, where {@code importing} (autocommitted SQL) commits just before the second connection is handed out. */
    public static ImportBetweenHalves committing(String... importing) {
        return new ImportBetweenHalves(() -> {
            for (String sql : importing) {
                TestDatabase.execute(sql);
            }
        });
    }

    @Override
    public Connection getConnection() throws SQLException {
        // synchronized: a request after the second waits for the import's commit (the read-ahead's thread may be the
        // second and the upper half the third; without the wait it could start before the import commits)
        synchronized (this) {
            if (asked.incrementAndGet() == 2) {
                importing.run();
            }
        }
        return super.getConnection();
    }

    /** Whether the import was committed (a second connection was asked for). */
    public boolean committed() {
        return asked.get() >= 2;
    }
}
