package io.strata.bootstrap.imports;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An NDJSON line that gives a key twice (`{"customer_id":"C1","customer_id":"C2"}`) is an error of its line naming the
 * key, as a request body with a field given twice is refused: the last value was taken silently before (session 50).
 */
class DuplicateKeysInNdjsonTest extends ImportEndToEndTest {

    private static JsonNode errorAt(JsonNode report, long line) {
        for (JsonNode error : report.path("errors")) {
            if (error.path("line").asLong() == line) {
                return error;
            }
        }
        throw new AssertionError("no error on line " + line + " in " + report);
    }

    @Test
    void aStrictEventsImportWithAKeyGivenTwiceOnALineWritesNothingAndNamesLineAndKey() throws Exception {
        HttpResponse<String> response = post("/api/v1/imports/events", NDJSON, """
                {"customer_id":"C1","event_type":"page_view","occurred_at":"2024-03-01T10:00:00Z"}
                {"customer_id":"C1","customer_id":"C2","event_type":"page_view","occurred_at":"2024-03-01T10:00:00Z"}
                """);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode report = json(response);
        assertThat(report.path("status").asString()).isEqualTo("REJECTED");
        assertThat(report.path("rowsRejected").asLong()).isEqualTo(1);
        JsonNode error = errorAt(report, 2);
        assertThat(error.path("column").asString()).isEqualTo("customer_id");
        assertThat(error.path("message").asString()).isEqualTo("line 2 gives customer_id twice; give each field once (Strata cannot tell "
                + "which of the two values is meant)");
        assertThat(count("select count(*) from events")).isZero();
        assertThat(count("select count(*) from customers")).isZero();
    }

    @Test
    void aPropertyGivenTwiceOrNamedLikeAFieldIsAnErrorOfItsLineAndLenientModeImportsTheOtherLines() throws Exception {
        HttpResponse<String> response = post("/api/v1/imports/events?mode=lenient", NDJSON, """
                {"customer_id":"E1","event_type":"page_view","occurred_at":"2024-03-01T10:00:00Z","properties":{"page":"/a"}}
                {"customer_id":"E2","event_type":"page_view","occurred_at":"2024-03-01T10:00:00Z","properties":{"page":"/a","page":"/b"}}
                {"customer_id":"E3","event_type":"page_view","occurred_at":"2024-03-01T10:00:00Z","properties":{"cart":{"sku":"A","sku":"B"}}}
                {"customer_id":"E4","event_type":"page_view","occurred_at":"2024-03-01T10:00:00Z","properties":{"event_type":"click"}}
                """);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode report = json(response);
        assertThat(report.path("rowsImported").asLong()).isEqualTo(1);
        assertThat(report.path("rowsRejected").asLong()).isEqualTo(3);
        assertThat(errorAt(report, 2).path("column").asString()).isEqualTo("properties.page");
        assertThat(errorAt(report, 2).path("message").asString()).isEqualTo("line 2 gives properties.page twice; give each property once "
                + "(Strata cannot tell which of the two values is meant)");
        assertThat(errorAt(report, 3).path("column").asString()).isEqualTo("properties.cart.sku");
        assertThat(errorAt(report, 4).path("column").asString()).isEqualTo("event_type");
        assertThat(errorAt(report, 4).path("message").asString()).isEqualTo("line 4 gives event_type twice, as a field and in properties; "
                + "give it once (rename the property)");
        assertThat(jdbc.sql("select c.customer_id from events e join customers c using (customer_key)").query(String.class).list())
                .containsExactly("E1");
    }

    @Test
    void anOrderLineWithAFieldGivenTwiceLeavesItsOrderOutWholeInLenientMode() throws Exception {
        HttpResponse<String> response = post("/api/v1/imports/orders?mode=lenient", NDJSON, """
                {"order_id":"O1","customer_id":"C1","ordered_at":"2024-03-01","amount":10}
                {"order_id":"O1","customer_id":"C1","ordered_at":"2024-03-01","amount":5,"amount":50}
                {"order_id":"O2","customer_id":"C1","ordered_at":"2024-03-02","amount":7}
                """);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode report = json(response);
        assertThat(errorAt(report, 2).path("column").asString()).isEqualTo("amount");
        assertThat(jdbc.sql("select order_id from orders order by 1").query(String.class).list()).containsExactly("O2");
        assertThat(count("select count(*) from order_lines")).isEqualTo(1);
    }
}
