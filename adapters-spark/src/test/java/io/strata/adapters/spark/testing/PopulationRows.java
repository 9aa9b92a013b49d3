package io.strata.adapters.spark.testing;

import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.domain.behaviour.Event;
import io.strata.domain.history.CustomerHistory;
import io.strata.domain.ordering.OrderLine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;

/** A generated population written as Strata's tables hold it, with a segmentation and a RUNNING run 1 as of a day. */
public final class PopulationRows {

    public static final long RUN = 1;

    private PopulationRows() {
    }

    public static void load(List<CustomerHistory> population, LocalDate asOf) throws SQLException {
        TestDatabase.emptyCustomerData();
        try (Connection c = TestDatabase.dataSource().getConnection()) {
            try (PreparedStatement customer = c.prepareStatement("insert into customers (customer_id, attributes) values (?, ?::jsonb)")) {
                for (CustomerHistory history : population) {
                    customer.setString(1, history.id().value());
                    customer.setString(2, history.customer().attribute("plan").map(p -> "{\"plan\":\"" + p + "\"}").orElse("{}"));
                    customer.addBatch();
                }
                customer.executeBatch();
            }
            try (PreparedStatement event = c.prepareStatement("insert into events (dedupe_key, customer_key, event_type, occurred_at) "
                    + "select ?, customer_key, ?, ? from customers where customer_id = ?")) {
                for (CustomerHistory history : population) {
                    int n = 0;
                    for (Event e : history.events()) {
                        event.setString(1, history.id().value() + "/" + ++n);
                        event.setString(2, e.type());
                        event.setTimestamp(3, Timestamp.from(e.occurredAt()));
                        event.setString(4, history.id().value());
                        event.addBatch();
                    }
                }
                event.executeBatch();
            }
            TestDatabase.createTestLines(c);
            try (PreparedStatement line = c.prepareStatement("insert into test_order_lines (order_id, line_no, customer_key, ordered_at, amount, category) "
                    + "select ?, ?, customer_key, ?, ?, ? from customers where customer_id = ?")) {
                for (CustomerHistory history : population) {
                    int lineNo = 0;
                    for (OrderLine l : history.orderLines()) {
                        line.setString(1, l.orderId());
                        line.setInt(2, ++lineNo);
                        line.setTimestamp(3, Timestamp.from(l.orderedAt()));
                        line.setBigDecimal(4, l.amount());
                        line.setString(5, l.category());
                        line.setString(6, history.id().value());
                        line.addBatch();
                    }
                }
                line.executeBatch();
            }
            TestDatabase.ordersFromTestLines(c);
            try (Statement s = c.createStatement()) {
                s.execute("insert into segmentations (segmentation_id, name, definition, status) values (1, 'p', '{}', 'DRAFT')");
                s.execute("insert into segmentation_runs (run_id, segmentation_id, as_of, status) values (" + RUN + ", 1, '" + asOf + "', 'RUNNING')");
            }
        }
    }
}
