package io.strata.bootstrap.imports;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text with control characters, dates no one means, and files sent to the wrong endpoint are refused with line and
 * column (or as a whole, naming where the file belongs), never a 500; lenient mode skips such rows and imports the rest.
 */
class RefusedInputTest extends ImportEndToEndTest {

    private static JsonNode errorAt(JsonNode report, long line) {
        for (JsonNode error : report.path("errors")) {
            if (error.path("line").asLong() == line) {
                return error;
            }
        }
        throw new AssertionError("no error on line " + line + " in " + report);
    }

    @Test
    void aNulInACsvCellIsARowErrorWithLineAndColumnAndLenientModeImportsTheOtherRows() throws Exception {
        String body = "customer_id,city,loyalty\nA1,Riga,gold\nA2,Ri\u0000ga,silver\nA3,Oslo,bronze\n";

        HttpResponse<String> strict = importCsv("customers", body);
        HttpResponse<String> lenient = importCsv("customers", "lenient", body);

        assertThat(strict.statusCode()).as(strict.body()).isEqualTo(422);
        JsonNode error = errorAt(json(strict), 3);
        assertThat(error.path("column").asString()).isEqualTo("city");
        assertThat(error.path("value").asString()).isEqualTo("Ri\\u0000ga");
        assertThat(error.path("message").asString()).contains("control character U+0000 at character 3");
        assertThat(lenient.statusCode()).as(lenient.body()).isEqualTo(200);
        assertThat(json(lenient).path("rowsImported").asLong()).isEqualTo(2);
        assertThat(jdbc.sql("select customer_id from customers order by 1").query(String.class).list()).containsExactly("A1", "A3");
    }

    @Test
    void otherControlCharactersAreRefusedButTabsAndQuotedLineBreaksAreKept() throws Exception {
        HttpResponse<String> response = importCsv("customers", "lenient",
                "customer_id,city,note\nA1,Riga,\"two\nlines\tand a tab\"\nA2,Oslo,bell\u0007\nA3,Bergen,esc\u001b\n");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode report = json(response);
        assertThat(report.path("rowsImported").asLong()).isEqualTo(1);
        assertThat(errorAt(report, 4).path("message").asString()).contains("U+0007");
        assertThat(errorAt(report, 5).path("message").asString()).contains("U+001B");
        assertThat(text("select attributes->>'note' from customers where customer_id = 'A1'")).isEqualTo("two\nlines\tand a tab");
    }

    @Test
    void aLoneCarriageReturnInAQuotedCellStaysInItsCellAndTheNextLineIsItsOwnRow() throws Exception {
        // FastCSV before 4.3 dropped the quoted text after a lone CR and merged the next line into the row
        HttpResponse<String> response = importCsv("customers",
                "customer_id,city,note\nA1,Riga,\"old\rtown\"\nA2,Oslo,\"\r\"\nA3,Bergen,plain\n");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).path("rowsReceived").asLong()).isEqualTo(3);
        assertThat(json(response).path("rowsImported").asLong()).isEqualTo(3);
        assertThat(text("select attributes->>'note' from customers where customer_id = 'A1'")).isEqualTo("old\rtown");
        assertThat(text("select attributes->>'note' from customers where customer_id = 'A2'")).isEqualTo("\r");
        assertThat(text("select city from customers where customer_id = 'A3'")).isEqualTo("Bergen");
    }

    @Test
    void anNdjsonArrayOrObjectWhereAFieldHoldsOneValueIsARowErrorAndNothingOfItIsStored() throws Exception {
        HttpResponse<String> response = post("/api/v1/imports/customers?mode=lenient", NDJSON, """
                {"customer_id":["x"]}
                {"customer_id":{"a":1}}
                {"customer_id":"ok","city":{"a":1}}
                {"customer_id":"fine","city":"Riga"}
                """);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode report = json(response);
        assertThat(report.path("rowsImported").asLong()).isEqualTo(1);
        assertThat(errorAt(report, 1).path("message").asString()).contains("'customer_id' is an array; give a string, a number");
        assertThat(errorAt(report, 2).path("message").asString()).contains("'customer_id' is an object");
        assertThat(errorAt(report, 3).path("message").asString()).contains("'city' is an object");
        assertThat(jdbc.sql("select customer_id from customers order by 1").query(String.class).list()).containsExactly("fine");
    }

    /**
     * Found by ImportFuzzProperties: two lines whose id is the JSON escape of U+D800 (half a character, alone) passed
     * every check, reached PostgreSQL as '?' twice, and the merge failed on the unique index: a 503 "problem on Strata's
     * side". Half a character is refused at its line like a control character; ids that differ only in such halves
     * never meet.
     */
    @Test
    void halfACharacterInAnNdjsonValueOrKeyIsARowErrorOfItsLine() throws Exception {
        String body = """
                {"customer_id":"H1","city":"Riga"}
                {"customer_id":"\\ud800","city":null}
                {"customer_id":"\\ud800","city":null}
                {"customer_id":"H2","ci\\udc00ty":"Oslo"}
                {"customer_id":"H3","city":"Smile \\ud83d\\ude00"}
                """;

        HttpResponse<String> strict = post("/api/v1/imports/customers?mode=strict", NDJSON, body);
        HttpResponse<String> lenient = post("/api/v1/imports/customers?mode=lenient", NDJSON, body);

        assertThat(strict.statusCode()).as(strict.body()).isEqualTo(422);
        JsonNode half = errorAt(json(strict), 2);
        assertThat(half.path("column").asString()).isEqualTo("customer_id");
        assertThat(half.path("message").asString()).isEqualTo("customer_id holds U+D800 at character 1, half of a character whose other half"
                + " is missing (a JSON escape such as \\ud800 alone), which is no text; text may hold tabs and line breaks but no other"
                + " control characters (U+0000 to U+001F), and only whole characters: remove it, or check that the file is text");
        assertThat(errorAt(json(strict), 4).path("message").asString()).contains("column name 'ci\\udc00ty' holds U+DC00 at character 3");
        assertThat(lenient.statusCode()).as(lenient.body()).isEqualTo(200);
        assertThat(json(lenient).path("rowsImported").asLong()).isEqualTo(2);
        assertThat(json(lenient).path("rowsRejected").asLong()).isEqualTo(3);
        // a character of two halves is whole: stored as it came
        assertThat(jdbc.sql("select customer_id || ':' || coalesce(city, '') from customers order by 1").query(String.class).list())
                .containsExactly("H1:Riga", "H3:Smile \ud83d\ude00");
    }

    @Test
    void aNulInAnNdjsonValueOrKeyIsARowErrorOfItsLine() throws Exception {
        HttpResponse<String> response = post("/api/v1/imports/events?mode=lenient", NDJSON, """
                {"customer_id":"E1","event_type":"page_view","occurred_at":"2024-03-01T10:00:00Z","properties":{"page":"/home"}}
                {"customer_id":"E2","event_type":"page_view","occurred_at":"2024-03-01T10:00:00Z","properties":{"page":"/a\\u0000b"}}
                {"customer_id":"E3","event_type":"page_view","occurred_at":"2024-03-01T10:00:00Z","properties":{"pa\\u0000ge":"/x"}}
                {"customer_id":"E4\\u0000","event_type":"page_view","occurred_at":"2024-03-01T10:00:00Z"}
                """);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode report = json(response);
        assertThat(report.path("rowsImported").asLong()).isEqualTo(1);
        assertThat(report.path("rowsRejected").asLong()).isEqualTo(3);
        assertThat(errorAt(report, 2).path("column").asString()).isEqualTo("page");
        assertThat(errorAt(report, 2).path("value").asString()).isEqualTo("/a\\u0000b");
        assertThat(errorAt(report, 3).path("message").asString()).contains("column name 'pa\\u0000ge' holds the control character U+0000");
        assertThat(errorAt(report, 4).path("column").asString()).isEqualTo("customer_id");
        assertThat(count("select count(*) from events")).isEqualTo(1);
        assertThat(get("/api/v1/imports/" + report.path("importId").asString()).statusCode()).isEqualTo(200);
    }

    @Test
    void aNulInAnOrderLineLeavesItsOrderOutInLenientMode() throws Exception {
        HttpResponse<String> response = importCsv("orders", "lenient", "order_id,customer_id,ordered_at,amount,sku\n"
                + "O1,C1,2024-03-01T10:00:00Z,5,a\nO1,C1,2024-03-01T10:00:00Z,6,b\u0000\nO2,C1,2024-03-01T11:00:00Z,7,c\n");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(jdbc.sql("select order_id from orders").query(String.class).list()).containsExactly("O2");
        assertThat(json(response).path("rowsRejected").asLong()).isEqualTo(2);
    }

    @Test
    void aNulInACsvHeaderNameIsA400NamingTheColumn() throws Exception {
        HttpResponse<String> response = importCsv("customers", "customer_id,ci\u0000ty\nA1,Riga\n");

        assertProblem(response, 400);
        assertThat(json(response).path("column").asString()).isEqualTo("column 2");
        assertThat(json(response).path("detail").asString()).contains("'ci\\u0000ty' holds the control character U+0000");
        assertThat(count("select count(*) from customers")).isZero();
    }

    @Test
    void yearsNoDatabaseMeansAreRowErrorsShownAsSent() throws Exception {
        HttpResponse<String> response = importCsv("orders", """
                order_id,customer_id,ordered_at,amount
                O1,C1,0000-01-01,1
                O2,C1,-4000-01-01T00:00:00Z,1
                O3,C1,+10000-01-01T00:00:00Z,1
                O4,C1,1899-12-31T23:00:00Z,1
                O5,C1,2999-01-01,1
                O6,C1,2024-03-01T10:00:00Z,1
                """);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode report = json(response);
        assertThat(report.path("rowsRejected").asLong()).isEqualTo(5);
        assertThat(errorAt(report, 2).path("value").asString()).isEqualTo("0000-01-01");
        assertThat(errorAt(report, 3).path("value").asString()).isEqualTo("-4000-01-01T00:00:00Z");
        assertThat(errorAt(report, 4).path("value").asString()).isEqualTo("+10000-01-01T00:00:00Z");
        assertThat(errorAt(report, 6).path("message").asString()).contains("from 1900-01-01 to one day past the server's clock");
        assertThat(count("select count(*) from orders")).isZero();
    }

    @Test
    void anOrderMoreThanADayAheadOfTheClockIsRefusedAndTheHorizonStays() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String soon = now.plus(1, ChronoUnit.HOURS).toString();
        String later = now.plus(3, ChronoUnit.DAYS).toString();

        HttpResponse<String> response = importCsv("orders", "lenient",
                "order_id,customer_id,ordered_at,amount\nO1,C1," + soon + ",1\nO2,C1," + later + ",1\n");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(errorAt(json(response), 3).path("value").asString()).isEqualTo(later);
        assertThat(jdbc.sql("select order_id from orders").query(String.class).list()).containsExactly("O1");
        assertThat(text("select (latest_ordered_at < now() + interval '1 day')::text from purchase_facts_horizon")).isEqualTo("true");
    }

    @Test
    void futureBirthDatesSignupsAndEventsAreRefused() throws Exception {
        // a year past today (UTC), far beyond the day of slack; "1 January next year" was within it on every 31 December
        String aYearAhead = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusYears(1).toString();
        HttpResponse<String> customers = importCsv("customers", "customer_id,birth_date,signup_date\nA1," + aYearAhead
                + ",2020-01-01\nA2,1980-01-01," + aYearAhead + "\nA3,1980-01-01,2020-01-01\nA4,0000-01-01,\n");
        HttpResponse<String> events = importCsv("events", "customer_id,event_type,occurred_at\nA3,login," + aYearAhead
                + "T00:00:00Z\nA3,login,2024-06-01T00:00:00Z\n");

        assertThat(customers.statusCode()).isEqualTo(422);
        assertThat(json(customers).path("errors")).extracting(e -> e.path("column").asString())
                .containsExactly("birth_date", "signup_date", "birth_date");
        assertThat(events.statusCode()).isEqualTo(422);
        assertThat(errorAt(json(events), 2).path("column").asString()).isEqualTo("occurred_at");
        assertThat(count("select count(*) from customers")).isZero();
    }

    @Test
    void anOrdersFileSentAsCustomersIsRefusedInBothModesNamingTheOrdersEndpoint() throws Exception {
        String orders = "order_id,customer_id,ordered_at,amount\nO1,C1,2024-03-01,10\n";

        for (String mode : new String[]{"strict", "lenient"}) {
            HttpResponse<String> response = importCsv("customers", mode, orders);

            assertProblem(response, 400);
            assertThat(json(response).path("detail").asString())
                    .contains("this header looks like an orders file (order_id, ordered_at, amount): import it as orders");
            assertThat(json(response).path("fix").asString()).isEqualTo("POST /api/v1/imports/orders");
        }
        assertThat(count("select count(*) from customers")).isZero();
        assertThat(count("select count(*) from attribute_catalogue")).isZero();
    }

    @Test
    void anEventsFileSentAsOrdersAndACustomersNdjsonSentAsEventsNameTheirEndpoints() throws Exception {
        HttpResponse<String> events = importCsv("orders", "lenient", "customer_id,event_type,occurred_at\nC1,login,2024-03-01\n");
        HttpResponse<String> customers = post("/api/v1/imports/events?mode=lenient", NDJSON, "{\"customer_id\":\"C1\",\"email\":\"a@b.example\"}\n");

        assertProblem(events, 400);
        assertThat(json(events).path("detail").asString()).contains("no column order_id").contains("import it as events");
        assertThat(json(events).path("fix").asString()).isEqualTo("POST /api/v1/imports/events");
        assertProblem(customers, 400);
        assertThat(json(customers).path("detail").asString()).contains("import it as customers");
        assertThat(json(customers).path("fix").asString()).isEqualTo("POST /api/v1/imports/customers");
        assertThat(count("select count(*) from customers")).isZero();
    }

    @Test
    void aHeaderOfOneColumnSeparatedBySemicolonsGetsADelimiterHint() throws Exception {
        HttpResponse<String> response = importCsv("customers", "lenient", "customer_id;email;city\nA1;a@b.example;Riga\n");

        assertProblem(response, 400);
        assertThat(json(response).path("detail").asString()).isEqualTo("the header is one column 'customer_id;email;city': Strata reads "
                + "comma-separated values, and this file seems separated by semicolons; save it as CSV with commas (UTF-8) and send it again");
    }

    @Test
    void anNdjsonNumberWithAHugeExponentIsARowErrorNotABillionDigits() throws Exception {
        HttpResponse<String> response = post("/api/v1/imports/orders", NDJSON,
                "{\"order_id\":\"O1\",\"customer_id\":\"C1\",\"ordered_at\":\"2024-03-01\",\"amount\":1e999999999}\n");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode error = errorAt(json(response), 1);
        assertThat(error.path("column").asString()).isEqualTo("amount");
        assertThat(error.path("value").asString()).isEqualTo("1E+999999999");
        assertThat(error.path("message").asString()).contains("too large");
    }
}
