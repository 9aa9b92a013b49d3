package io.strata.adapters.persistence.imports;

import io.strata.application.imports.RowError;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MultiRunOrdersTest {

    @Test
    void aLineOfAnOrderLeftOutNamesTheInvalidLine() {
        assertThat(MultiRunOrders.runError(7, "o1", "c1", "2024-03-01T10:00:00Z", "c1", "c1", true, "2024-03-01T10:00:00Z", null))
                .extracting(RowError::line, RowError::column, RowError::value, RowError::message)
                .containsExactly(7L, "order_id", "o1",
                        "order o1 has an invalid line; an order is imported whole, so this line was left out too");
    }

    @Test
    void anOrderNamingTwoCustomersIsAnErrorOfTheCustomerColumn() {
        assertThat(MultiRunOrders.runError(8, "o1", "c2", "2024-03-01T10:00:00Z", "c1", "c2", false, "2024-03-01T10:00:00Z", null))
                .extracting(RowError::line, RowError::column, RowError::value, RowError::message)
                .containsExactly(8L, "customer_id", "c2",
                        "order o1 names customers c1 and c2; all lines of one order must name one customer");
    }

    @Test
    void anOrderSpreadOverMoreThanADayIsAnErrorOfTheTimeColumn() {
        assertThat(MultiRunOrders.runError(9, "o1", "c1", "2024-03-03T10:00:00Z", "c1", "c1", false, "2024-03-01T10:00:00Z", null))
                .extracting(RowError::line, RowError::column, RowError::value, RowError::message)
                .containsExactly(9L, "ordered_at", "2024-03-03T10:00:00Z", "order o1 has lines more than a day apart (its earliest"
                        + " line is at 2024-03-01T10:00:00Z); the lines of one order may be up to a day apart and the order takes its"
                        + " earliest line's time, so lines further apart are probably two orders sharing one order_id");
    }

    @Test
    void theSpanOfAnOrderIsOneDay() {
        assertThat(MultiRunOrders.ORDER_SPAN.toHours()).isEqualTo(24);
    }
}
