package io.strata.application.imports;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

class FileShapeTest {

    private static SourceHeader header(String... columns) {
        return new SourceHeader(List.of(columns));
    }

    @Test
    void anOrdersHeaderSentAsCustomersIsRefusedWithTheEndpointItBelongsTo() {
        assertThatThrownBy(() -> FileShape.checkHeader(ImportEntity.CUSTOMERS, header("order_id", "customer_id", "ordered_at", "amount")))
                .isInstanceOfSatisfying(AnotherEntitysFile.class, e -> assertThat(e.entity()).isEqualTo(ImportEntity.ORDERS))
                .hasMessageContaining("this header looks like an orders file (order_id, ordered_at, amount): import it as orders")
                .message().doesNotContain("/api/");
    }

    @Test
    void anEventsHeaderSentAsOrdersNamesTheMissingColumnAndTheEventsEndpoint() {
        assertThatThrownBy(() -> FileShape.checkHeader(ImportEntity.ORDERS, header("customer_id", "event_type", "occurred_at")))
                .isInstanceOf(UnreadableInput.class)
                .isInstanceOfSatisfying(AnotherEntitysFile.class, e -> assertThat(e.entity()).isEqualTo(ImportEntity.EVENTS))
                .hasMessageContaining("the header has no column order_id")
                .hasMessageContaining("import it as events");
    }

    @Test
    void aCustomersHeaderWithAProfileColumnStaysACustomersFileEvenWithOrderLikeAttributes() {
        assertThatNoException().isThrownBy(() -> FileShape.checkHeader(ImportEntity.CUSTOMERS,
                header("customer_id", "email", "order_id", "amount")));
        assertThatNoException().isThrownBy(() -> FileShape.checkHeader(ImportEntity.CUSTOMERS, header("customer_id", "loyalty_tier")));
    }

    @Test
    void aHeaderOfOneColumnHoldingSemicolonsOrTabsGetsADelimiterHint() {
        assertThatThrownBy(() -> FileShape.checkHeader(ImportEntity.CUSTOMERS, header("customer_id;email;city")))
                .hasMessage("the header is one column 'customer_id;email;city': Strata reads comma-separated values, and this file "
                        + "seems separated by semicolons; save it as CSV with commas (UTF-8) and send it again");
        assertThatThrownBy(() -> FileShape.checkHeader(ImportEntity.ORDERS, header("order_id\tcustomer_id")))
                .hasMessageContaining("separated by tabs");
    }

    @Test
    void theFirstNdjsonObjectIsRefusedOnlyWhenItLooksLikeAnotherEntity() {
        assertThatThrownBy(() -> FileShape.checkFirstObject(ImportEntity.CUSTOMERS, header("customer_id", "event_type", "occurred_at")))
                .hasMessageContaining("import it as events");
        assertThatNoException().isThrownBy(() -> FileShape.checkFirstObject(ImportEntity.ORDERS, header("order_id", "amount", "customer_id")));
    }
}
