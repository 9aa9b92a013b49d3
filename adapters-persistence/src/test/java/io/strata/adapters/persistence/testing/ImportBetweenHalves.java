package io.strata.adapters.persistence.testing;

import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The test database as work written in two halves sees it, with an import committed between the halves: the first
 * connection asked for is the lower half's (its transaction takes the snapshot both halves must read and exports it);
 * when the second one is asked for, the upper half's, {@code importing} first commits on a connection of its own. So
 * the import is committed after the lower half's snapshot and before the upper half's first statement: an upper half
 * that did not import the exported snapshot would read it. For the run's rows ({@code RunHalves}) and the tactical
 * memberships ({@code MembershipHalves}) alike.
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
        if (asked.incrementAndGet() == 2) {
            importing.run();
        }
        return super.getConnection();
    }

    /** Whether the import was committed (a second connection was asked for). */
    public boolean committed() {
        return asked.get() >= 2;
    }
}
