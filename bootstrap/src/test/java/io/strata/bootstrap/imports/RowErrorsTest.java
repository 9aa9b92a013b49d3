package io.strata.bootstrap.imports;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invalid rows are reported with line, column, value and message: in strict mode the import is rejected (422) and
 * the database is exactly as before; in lenient mode the valid rows are written (200).
 */
class RowErrorsTest extends ImportEndToEndTest {

    private static final String EXISTING = "customer_id,city\nK1,Riga\nK2,Oslo\n";
    private static final String EXISTING_ORDERS = "order_id,customer_id,ordered_at,amount\nX1,K1,2024-01-01,10\n";

    private static final String ORDERS_WITH_BAD_CELLS = """
            order_id,customer_id,ordered_at,amount,quantity
            O1,C1,2024-03-01T10:00:00Z,10.50,1
            O2,C2,2024-13-45,5,1
            O3,C3,2024-03-02,12.5x,1
            O4,,2024-03-02,3,1
            O5,C5,2024-03-03,1.23456,1
            O6,C6,2024-03-03,7,1
            """;

    private void someExistingData() throws Exception {
        assertThat(importCsv("customers", EXISTING).statusCode()).isEqualTo(200);
        assertThat(importCsv("orders", EXISTING_ORDERS).statusCode()).isEqualTo(200);
    }

    private static JsonNode errorAt(JsonNode report, long line) {
        for (JsonNode error : report.path("errors")) {
            if (error.path("line").asLong() == line) {
                return error;
            }
        }
        throw new AssertionError("no error on line " + line + " in " + report);
    }

    @Test
    void inStrictModeABadDateABadNumberAndAnEmptyRequiredCellRejectTheWholeFileWith422() throws Exception {
        someExistingData();
        String before = snapshot();

        HttpResponse<String> response = importCsv("orders", ORDERS_WITH_BAD_CELLS);

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode report = json(response);
        assertThat(report.path("status").asString()).isEqualTo("REJECTED");
        assertThat(report.path("rowsReceived").asLong()).isEqualTo(6);
        assertThat(report.path("rowsRejected").asLong()).isEqualTo(4);
        assertThat(report.path("rowsImported").asLong()).isZero();
        assertThat(errorAt(report, 3).path("column").asString()).isEqualTo("ordered_at");
        assertThat(errorAt(report, 3).path("value").asString()).isEqualTo("2024-13-45");
        assertThat(errorAt(report, 3).path("message").asString()).contains("ISO-8601");
        assertThat(errorAt(report, 4).path("column").asString()).isEqualTo("amount");
        assertThat(errorAt(report, 4).path("message").asString()).contains("not a decimal number");
        assertThat(errorAt(report, 5).path("column").asString()).isEqualTo("customer_id");
        assertThat(errorAt(report, 5).path("message").asString()).contains("required");
        assertThat(errorAt(report, 6).path("message").asString()).contains("more than 4 decimal places");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void inLenientModeTheValidRowsAreWrittenAndTheInvalidOnesReported() throws Exception {
        HttpResponse<String> response = importCsv("orders", "lenient", ORDERS_WITH_BAD_CELLS);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode report = json(response);
        assertThat(report.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(report.path("rowsImported").asLong()).isEqualTo(2);
        assertThat(report.path("rowsRejected").asLong()).isEqualTo(4);
        assertThat(report.path("errors")).hasSize(4);
        assertThat(jdbc.sql("select order_id from orders order by 1").query(String.class).list()).containsExactly("O1", "O6");
    }

    @Test
    void aCustomerIdOver64CharactersIsARowError() throws Exception {
        someExistingData();
        String before = snapshot();
        String longId = "x".repeat(65);

        HttpResponse<String> response = importCsv("customers", "customer_id,city\nA1,Riga\n" + longId + ",Paris\n");

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode error = errorAt(json(response), 3);
        assertThat(error.path("column").asString()).isEqualTo("customer_id");
        assertThat(error.path("value").asString()).isEqualTo(longId);
        assertThat(error.path("message").asString()).contains("65 characters").contains("64");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void badCustomerCellsAreReportedPerColumn() throws Exception {
        HttpResponse<String> response = importCsv("customers", "lenient",
                "customer_id,birth_date,email_opt_in\nA1,1990-02-30,yes\nA2,1990-02-03,true\n");

        JsonNode report = json(response);
        assertThat(report.path("errors")).hasSize(2);
        assertThat(report.path("errors").get(0).path("column").asString()).isEqualTo("birth_date");
        assertThat(report.path("errors").get(1).path("column").asString()).isEqualTo("email_opt_in");
        assertThat(report.path("errors").get(1).path("message").asString()).contains("true or false");
        assertThat(jdbc.sql("select customer_id from customers").query(String.class).list()).containsExactly("A2");
    }

    @Test
    void linesOfOneOrderNamingTwoCustomersAreRejectedTogether() throws Exception {
        HttpResponse<String> response = importCsv("orders", "lenient", """
                order_id,customer_id,ordered_at,amount
                O1,C1,2024-03-01,10
                O2,C2,2024-03-01,5
                O1,C9,2024-03-01,7
                """);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode report = json(response);
        assertThat(report.path("rowsRejected").asLong()).isEqualTo(2);
        assertThat(errorAt(report, 2).path("message").asString()).contains("names customers C1 and C9");
        assertThat(errorAt(report, 4).path("column").asString()).isEqualTo("customer_id");
        assertThat(jdbc.sql("select order_id from orders").query(String.class).list()).containsExactly("O2");
        assertThat(count("select count(*) from order_lines")).isEqualTo(1);
    }

    @Test
    void consecutiveLinesOfOneOrderMoreThanADayApartAreAllReported() throws Exception {
        HttpResponse<String> response = importCsv("orders", "lenient",
                "order_id,customer_id,ordered_at,amount\nO1,C1,2024-03-01,10\nO1,C1,2024-03-01,5\nO1,C1,2024-03-05,7\nO2,C1,2024-03-02,1\n");

        JsonNode report = json(response);
        assertThat(report.path("rowsRejected").asLong()).isEqualTo(3);
        assertThat(report.path("rowsImported").asLong()).isEqualTo(1);
        for (int line = 2; line <= 4; line++) {
            assertThat(errorAt(report, line).path("column").asString()).isEqualTo("ordered_at");
            assertThat(errorAt(report, line).path("message").asString()).contains("more than a day apart");
        }
        assertThat(jdbc.sql("select order_id from orders").query(String.class).list()).containsExactly("O2");
        assertThat(count("select count(*) from order_lines")).isEqualTo(1);
    }

    @Test
    void inStrictModeAnOrderNamingTwoCustomersRejectsTheFile() throws Exception {
        someExistingData();
        String before = snapshot();

        HttpResponse<String> response = importCsv("orders", "order_id,customer_id,ordered_at,amount\nO1,C1,2024-03-01,10\nO1,C2,2024-03-01,7\n");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response).path("errors")).hasSize(2);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void inLenientModeAnOrderWithOneInvalidLineIsLeftOutWhole() throws Exception {
        importCsv("orders", "order_id,customer_id,ordered_at,amount\nO1,C1,2024-03-01,10\nO1,C1,2024-03-01,20\n");

        HttpResponse<String> response = importCsv("orders", "lenient",
                "order_id,customer_id,ordered_at,amount\nO1,C1,2024-03-01,11\nO1,C1,2024-03-01,oops\nO2,C1,2024-03-02,5\n");

        JsonNode report = json(response);
        assertThat(report.path("rowsImported").asLong()).isEqualTo(1);
        assertThat(report.path("rowsRejected").asLong()).isEqualTo(2);
        assertThat(errorAt(report, 2).path("message").asString()).contains("left out too");
        assertThat(text("select total::text from orders where order_id = 'O1'")).isEqualTo("30.0000");
        assertThat(count("select count(*) from order_line_details where order_id = 'O1'")).isEqualTo(2);
    }

    @Test
    void aSingleBadRowInStrictModeLeavesEveryTableExactlyAsBefore() throws Exception {
        someExistingData();
        post("/api/v1/imports/events", CSV, "customer_id,event_type,occurred_at,event_id\nK1,email_open,2024-01-01,E1\n");
        String before = snapshot();

        StringBuilder file = new StringBuilder("customer_id,city,email,device\n");
        for (int i = 0; i < 500; i++) {
            file.append("N").append(i).append(",Paris,n").append(i).append("@example.com,web\n");
        }
        file.append("K1,Rome,bad@example.com,ios\n").append(",Rome,,web\n");

        HttpResponse<String> response = importCsv("customers", file.toString());

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(json(response).path("errors")).hasSize(1);
        assertThat(json(response).path("errors").get(0).path("line").asLong()).isEqualTo(503);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void anNdjsonLineThatIsNotJsonIsARowErrorNamingTheLine() throws Exception {
        HttpResponse<String> response = post("/api/v1/imports/customers", NDJSON,
                "{\"customer_id\":\"A1\"}\n{\"customer_id\": \"A2\",\n{\"customer_id\":\"A3\"}\n");

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode error = errorAt(json(response), 2);
        assertThat(error.path("message").asString()).contains("line 2").contains("not valid JSON");
        assertThat(count("select count(*) from customers")).isZero();
    }

    @Test
    void aRowWithTheWrongNumberOfFieldsIsARowError() throws Exception {
        HttpResponse<String> response = importCsv("customers", "lenient", "customer_id,city\nA1,Riga\nA2,Paris,extra\n");

        assertThat(errorAt(json(response), 3).path("message").asString()).contains("3 fields but the header has 2");
        assertThat(count("select count(*) from customers")).isEqualTo(1);
    }

    @Test
    void lineNumbersArePhysicalLinesSoAQuotedLineBreakMovesTheLaterOnes() throws Exception {
        HttpResponse<String> response = importCsv("customers", "lenient",
                "customer_id,city,birth_date\nA1,\"Riga\nOld Town\",1990-01-01\n\nA2,Paris,nope\n");

        JsonNode error = json(response).path("errors").get(0);
        assertThat(error.path("line").asLong()).isEqualTo(5);
        assertThat(error.path("column").asString()).isEqualTo("birth_date");
        assertThat(text("select city from customers where customer_id = 'A1'")).isEqualTo("Riga\nOld Town");
    }

    @Test
    void atMostTheFirst1000ErrorsAreReported() throws Exception {
        StringBuilder file = new StringBuilder("order_id,customer_id,ordered_at,amount\n");
        for (int i = 0; i < 1200; i++) {
            file.append("O").append(i).append(",C1,2024-03-01,ten\n");
        }

        JsonNode report = json(importCsv("orders", file.toString()));

        assertThat(report.path("rowsRejected").asLong()).isEqualTo(1200);
        assertThat(report.path("errors")).hasSize(1000);
        assertThat(report.path("errors").get(0).path("line").asLong()).isEqualTo(2);
    }
}
