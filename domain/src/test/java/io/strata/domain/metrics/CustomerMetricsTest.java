package io.strata.domain.metrics;

import io.strata.domain.ordering.OrderLine;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerMetricsTest {

    private static final LocalDate AS_OF = LocalDate.parse("2024-06-30");

    @Test
    void aCustomerWithoutOrdersHasNoRecencyAndFrequencyZero() {
        CustomerMetrics metrics = CustomerMetrics.asOf(AS_OF, List.of());

        assertThat(metrics.frequency()).isZero();
        assertThat(metrics.recencyDays()).isNull();
        assertThat(metrics.monetary()).isEqualByComparingTo("0");
    }

    @Test
    void linesOfOneOrderAddUpToOneOrderAndRecencyCountsDaysToTheAsOfDate() {
        CustomerMetrics metrics = CustomerMetrics.asOf(AS_OF, List.of(
                line("o1", "2024-06-20T10:00:00Z", "30.00"),
                line("o1", "2024-06-20T10:00:00Z", "12.50"),
                line("o2", "2024-05-01T00:00:00Z", "7.5")));

        assertThat(metrics.frequency()).isEqualTo(2);
        assertThat(metrics.monetary()).isEqualByComparingTo("50.00");
        assertThat(metrics.recencyDays()).isEqualTo(10);
        assertThat(metrics.avgOrderValue()).isEqualByComparingTo("25.0000");
        assertThat(metrics.tenureDays()).isEqualTo(60);
    }

    @Test
    void aReturnReducesMonetaryButIsNotAPurchase() {
        CustomerMetrics metrics = CustomerMetrics.asOf(AS_OF, List.of(
                line("o1", "2024-06-01T10:00:00Z", "100"),
                line("r1", "2024-06-25T10:00:00Z", "-40")));

        assertThat(metrics.frequency()).isEqualTo(1);
        assertThat(metrics.monetary()).isEqualByComparingTo("60");
        assertThat(metrics.recencyDays()).isEqualTo(29);
    }

    @Test
    void aFullyRefundedOrderDoesNotCountAsAPurchase() {
        CustomerMetrics metrics = CustomerMetrics.asOf(AS_OF, List.of(
                line("o1", "2024-06-01T10:00:00Z", "80"),
                line("o1", "2024-06-01T10:00:00Z", "-80")));

        assertThat(metrics.frequency()).isZero();
        assertThat(metrics.recencyDays()).isNull();
        assertThat(metrics.monetary()).isEqualByComparingTo("0");
    }

    @Test
    void linesAfterTheAsOfDayAreIgnoredAndTheLastInstantOfTheDayCounts() {
        CustomerMetrics metrics = CustomerMetrics.asOf(AS_OF, List.of(
                line("o1", "2024-06-30T23:59:59Z", "10"),
                line("o2", "2024-07-01T00:00:00Z", "99")));

        assertThat(metrics.frequency()).isEqualTo(1);
        assertThat(metrics.monetary()).isEqualByComparingTo("10");
        assertThat(metrics.recencyDays()).isZero();
    }

    @Test
    void categoriesCountDistinctCategoriesOfPurchasedOrders() {
        CustomerMetrics metrics = CustomerMetrics.asOf(AS_OF, List.of(
                line("o1", "2024-06-01T10:00:00Z", "10").withCategory("kids"),
                line("o1", "2024-06-01T10:00:00Z", "10").withCategory("books"),
                line("o2", "2024-06-02T10:00:00Z", "10").withCategory("kids"),
                line("r1", "2024-06-03T10:00:00Z", "-5").withCategory("garden")));

        assertThat(metrics.categories()).isEqualTo(2);
    }

    private static OrderLine line(String order, String at, String amount) {
        return new OrderLine(order, new io.strata.domain.customer.CustomerId("c1"), Instant.parse(at), new BigDecimal(amount),
                null, null, null, null);
    }
}
