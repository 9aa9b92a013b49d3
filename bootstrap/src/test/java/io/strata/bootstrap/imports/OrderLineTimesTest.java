package io.strata.bootstrap.imports;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tills stamp the lines of one order as their clock ticks: lines of one order up to a day apart are one order at
 * its earliest line's time; further apart, or naming two customers, they are errors showing the values as sent.
 */
class OrderLineTimesTest extends ImportEndToEndTest {

    private static final Path ONLINE_RETAIL = Path.of("/work/shared/datasets/online-retail-sample.csv");

    private static JsonNode errorAt(JsonNode report, long line) {
        for (JsonNode error : report.path("errors")) {
            if (error.path("line").asLong() == line) {
                return error;
            }
        }
        throw new AssertionError("no error on line " + line + " in " + report);
    }

    @Test
    void linesOfOneOrderAMinuteApartAreOneOrderAtItsEarliestLinesTime() throws Exception {
        HttpResponse<String> response = importCsv("orders", """
                order_id,customer_id,ordered_at,amount
                O1,C1,2010-12-01T16:57:00Z,10
                O1,C1,2010-12-01T16:57:00Z,5
                O1,C1,2010-12-01T16:58:00Z,2.5
                O2,C2,2010-12-01T17:10:00Z,1
                O1,C1,2010-12-01T16:56:00Z,1
                """);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).path("rowsImported").asLong()).isEqualTo(5);
        assertThat(text("select concat_ws('|', ordered_at at time zone 'UTC', total, line_count) from orders where order_id = 'O1'"))
                .isEqualTo("2010-12-01 16:56:00|18.5000|4");
        assertThat(jdbc.sql("select concat_ws('|', line_no, amount, ordered_at at time zone 'UTC') from order_line_details where order_id = 'O1' order by line_no")
                .query(String.class).list())
                .containsExactly("1|10.0000|2010-12-01 16:56:00", "2|5.0000|2010-12-01 16:56:00", "3|2.5000|2010-12-01 16:56:00",
                        "4|1.0000|2010-12-01 16:56:00");
    }

    @Test
    void linesOfOneOrderMoreThanADayApartAreErrorsShowingTheTimesAsSent() throws Exception {
        HttpResponse<String> response = importCsv("orders", """
                order_id,customer_id,ordered_at,amount
                O1,C1,2024-03-01T10:00:00+02:00,10
                O1,C1,2024-03-02T08:00:00Z,5
                O1,C1,2024-03-02T08:00:01Z,5
                O2,C1,2024-03-02,1
                """);

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode report = json(response);
        assertThat(report.path("rowsRejected").asLong()).isEqualTo(3);
        assertThat(errorAt(report, 2).path("value").asString()).isEqualTo("2024-03-01T10:00:00+02:00");
        assertThat(errorAt(report, 4).path("column").asString()).isEqualTo("ordered_at");
        assertThat(errorAt(report, 4).path("value").asString()).isEqualTo("2024-03-02T08:00:01Z");
        assertThat(errorAt(report, 4).path("message").asString())
                .contains("order O1 has lines more than a day apart (its earliest line is at 2024-03-01T10:00:00+02:00)");
    }

    @Test
    void linesExactlyADayApartAreStillOneOrder() throws Exception {
        HttpResponse<String> response = importCsv("orders", "order_id,customer_id,ordered_at,amount\n"
                + "O1,C1,2024-03-01T10:00:00+02:00,10\nO1,C1,2024-03-02T08:00:00Z,5\n");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(text("select ordered_at at time zone 'UTC' from orders where order_id = 'O1'")).isEqualTo("2024-03-01 08:00:00");
    }

    @Test
    void linesOfOneOrderNamingTwoCustomersStayAnErrorEvenAMinuteApart() throws Exception {
        HttpResponse<String> response = importCsv("orders", "order_id,customer_id,ordered_at,amount\n"
                + "O1,C1,2024-03-01T10:00:00Z,10\nO1,C2,2024-03-01T10:01:00Z,5\n");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(errorAt(json(response), 3).path("message").asString()).contains("names customers C1 and C2");
        assertThat(count("select count(*) from orders")).isZero();
    }

    @Test
    void theOnlineRetailSampleImportsStrictWithEachInvoiceAtItsEarliestLine() throws Exception {
        StringBuilder orders = new StringBuilder("order_id,customer_id,ordered_at,amount,quantity,sku\n");
        int lines = 0;
        for (String line : readSample()) {
            // InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country; the description may be quoted
            List<String> cells = splitCsv(line);
            if (cells.get(6).isEmpty()) {
                continue;
            }
            String customer = cells.get(6).replace(".0", "");
            java.math.BigDecimal amount = new java.math.BigDecimal(cells.get(3)).multiply(new java.math.BigDecimal(cells.get(5)));
            orders.append(cells.get(0)).append(',').append(customer).append(',').append(cells.get(4).replace(' ', 'T')).append("Z,")
                    .append(amount.toPlainString()).append(',').append(cells.get(3)).append(',').append(cells.get(1)).append('\n');
            lines++;
        }

        HttpResponse<String> response = importCsv("orders", orders.toString());

        assertThat(response.statusCode()).as(response.body().substring(0, Math.min(2000, response.body().length()))).isEqualTo(200);
        assertThat(json(response).path("rowsImported").asLong()).isEqualTo(lines);
        // invoice 541816 has lines at 15:56 and at 15:57 in the sample
        assertThat(text("select ordered_at at time zone 'UTC' from orders where order_id = '541816'")).isEqualTo("2011-01-21 15:56:00");
    }

    private static List<String> readSample() {
        try {
            List<String> all = Files.readAllLines(ONLINE_RETAIL);
            return all.subList(1, all.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> splitCsv(String line) {
        List<String> cells = new java.util.ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
