package io.strata.adapters.persistence.prediction;

import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.application.prediction.BuyerFacts;
import io.strata.application.prediction.BuyerPattern;
import io.strata.application.prediction.FitBounds;
import io.strata.application.segmentation.RunSnapshot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run's predictions read its buyers on the assignment's snapshot while the assignment runs: an import that commits
 * after the assignment took its snapshot is seen by neither. Base: c1 bought on two days, c2 on one; then, after the
 * snapshot, c3 buys and c1 buys a third day.
 */
class RunSnapshotBuyersTest {

    private static final LocalDate AS_OF = LocalDate.parse("2024-06-30");
    private static final long RUN = 9_001;
    private final JdbcPurchaseHistories histories = PredictionStoreFixture.purchaseHistories();

    @BeforeEach
    void base() {
        TestDatabase.emptyCustomerData();
        TestDatabase.execute("insert into customers (customer_id) values ('c1'), ('c2'), ('c3')");
        order("c1-1", "c1", "2024-05-01T10:00:00Z");
        order("c1-2", "c1", "2024-06-01T10:00:00Z");
        order("c2-1", "c2", "2024-06-10T10:00:00Z");
    }

    @Test
    void buyersReadOnTheAssignmentsSnapshotDoNotSeeAnImportCommittedAfterIt() throws Exception {
        try (Connection assignment = TestDatabase.dataSource().getConnection()) {
            assignment.setAutoCommit(false);
            assignment.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            String snapshot;
            try (Statement s = assignment.createStatement(); ResultSet rs = s.executeQuery("select pg_export_snapshot()")) {
                rs.next();
                snapshot = rs.getString(1);
            }
            // an import commits while the assignment runs
            order("c3-1", "c3", "2024-06-20T10:00:00Z");
            order("c1-3", "c1", "2024-06-25T10:00:00Z");

            AtomicBoolean read = new AtomicBoolean();
            BuyerFacts facts = histories.ofRun(RUN, AS_OF, Optional.of(new RunSnapshot(snapshot)), () -> read.set(true), FitBounds.DEFAULT);
            histories.release(RUN);
            assignment.rollback();

            assertThat(read).isTrue();
            // c1: x 1, t_x 31 days, T 60 days; c2: x 0, T 20 days
            assertThat(facts.patternsInDays()).containsExactlyInAnyOrder(new BuyerPattern(0, 0, 20, 1), new BuyerPattern(1, 31, 60, 1));
        }
        // without the snapshot the same call sees the import
        BuyerFacts now = histories.ofRun(RUN, AS_OF, Optional.empty(), () -> { }, FitBounds.DEFAULT);
        histories.release(RUN);
        assertThat(now.patternsInDays()).containsExactlyInAnyOrder(new BuyerPattern(0, 0, 20, 1), new BuyerPattern(0, 0, 10, 1),
                new BuyerPattern(2, 55, 60, 1));
    }

    private static void order(String orderId, String customer, String at) {
        TestDatabase.execute("insert into orders (order_key, order_id, customer_key, ordered_at, total, line_count) select nextval('order_key_blocks'), '"
                + orderId + "', customer_key, '" + at + "', 10, 1 from customers where customer_id = '" + customer + "'");
    }
}
