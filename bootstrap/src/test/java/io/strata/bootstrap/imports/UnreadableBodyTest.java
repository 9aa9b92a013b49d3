package io.strata.bootstrap.imports;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body that cannot be read as a whole is refused with 400 naming the line (and column) and writes nothing: every
 * refusal leaves a seeded base exactly as it was.
 */
class UnreadableBodyTest extends ImportEndToEndTest {

    @Test
    void aBodyOfAnotherMediaTypeIsRefusedWith415AsProblemJson() throws Exception {
        String before = seededBase();
        HttpResponse<String> response = post("/api/v1/imports/customers", "text/plain", "customer_id\nA1\n");

        assertProblem(response, 415);
        assertThat(json(response).path("detail").asString()).contains("text/csv");
        assertThat(snapshot()).as("the base after the refusal").isEqualTo(before);
    }

    @Test
    void anEmptyBodyIsRefusedWith400() throws Exception {
        String before = seededBase();
        HttpResponse<String> response = importCsv("customers", "");

        assertProblem(response, 400);
        assertThat(json(response).path("detail").asString()).contains("empty");
        assertThat(snapshot()).as("the base after the refusal").isEqualTo(before);
    }

    @Test
    void anEmptyNdjsonBodyIsRefusedWith400() throws Exception {
        String before = seededBase();
        assertProblem(post("/api/v1/imports/events", NDJSON, "\n\n"), 400);
        assertThat(snapshot()).as("the base after the refusal").isEqualTo(before);
    }

    @Test
    void aHeaderWithoutARequiredColumnIsRefusedNamingTheColumn() throws Exception {
        String before = seededBase();
        HttpResponse<String> response = importCsv("orders", "order_id,customer_id,ordered_at\nO1,C1,2024-03-01\n");

        assertProblem(response, 400);
        JsonNode problem = json(response);
        assertThat(problem.path("column").asString()).isEqualTo("amount");
        assertThat(problem.path("line").asLong()).isEqualTo(1);
        assertThat(problem.path("detail").asString()).contains("no column amount");
        assertThat(snapshot()).as("the base after the refusal").isEqualTo(before);
    }

    @Test
    void aCustomersHeaderWithoutCustomerIdIsRefusedNamingIt() throws Exception {
        String before = seededBase();
        HttpResponse<String> response = importCsv("customers", "email\na@example.com\n");

        assertProblem(response, 400);
        assertThat(json(response).path("column").asString()).isEqualTo("customer_id");
        assertThat(snapshot()).as("the base after the refusal").isEqualTo(before);
    }

    @Test
    void aHeaderNamingAColumnTwiceIsRefused() throws Exception {
        String before = seededBase();
        HttpResponse<String> response = importCsv("customers", "customer_id,city,city\nA1,Riga,Paris\n");

        assertProblem(response, 400);
        assertThat(json(response).path("column").asString()).isEqualTo("city");
        assertThat(json(response).path("detail").asString()).contains("twice");
        assertThat(snapshot()).as("the base after the refusal").isEqualTo(before);
    }

    @Test
    void aCharacterAfterAClosingQuoteIsRefusedNamingLineAndColumn() throws Exception {
        String before = seededBase();
        HttpResponse<String> response = importCsv("customers", "customer_id,city,email\nA1,Riga,a@example.com\nA2,\"Par\"is,b@example.com\nA3,Oslo,\n");

        assertProblem(response, 400);
        JsonNode problem = json(response);
        assertThat(problem.path("line").asLong()).isEqualTo(3);
        assertThat(problem.path("column").asString()).isEqualTo("city");
        assertThat(problem.path("detail").asString()).contains("line 3").contains("column city").contains("quote");
        assertThat(snapshot()).as("the base after the refusal").isEqualTo(before);
    }

    @Test
    void aBlankAfterAClosingQuoteIsRefusedAsRfc4180Has() throws Exception {
        String before = seededBase();
        HttpResponse<String> response = importCsv("customers", "customer_id,city,email\nA1,\"Riga\" ,a@example.com\n");

        assertProblem(response, 400);
        assertThat(json(response).path("line").asLong()).isEqualTo(2);
        assertThat(json(response).path("column").asString()).isEqualTo("city");
        assertThat(json(response).path("detail").asString()).contains("' ' follows the closing quote");
        assertThat(snapshot()).as("the base after the refusal").isEqualTo(before);
    }

    @Test
    void anUnclosedQuoteIsRefusedNamingTheLineWhereItOpens() throws Exception {
        String before = seededBase();
        HttpResponse<String> response = importCsv("customers", "customer_id,city,email\nA1,Riga,x\n\"A\nB\",Oslo,y\nA3,Paris,\"z\nA4,Rome,w\n");

        assertProblem(response, 400);
        JsonNode problem = json(response);
        assertThat(problem.path("line").asLong()).isEqualTo(5);
        assertThat(problem.path("column").asString()).isEqualTo("email");
        assertThat(problem.path("detail").asString()).contains("never closed");
        assertThat(snapshot()).as("the base after the refusal").isEqualTo(before);
    }

    @Test
    void anUnclosedQuoteRunningOnForAMillionCharactersStopsTheBodyNamingWhereItOpened() throws Exception {
        String before = seededBase();
        StringBuilder body = new StringBuilder("customer_id,city,email\nA1,Riga,x\nA2,\"Oslo,y\n");
        for (int i = 3; body.length() < 1_300_000; i++) {
            body.append('A').append(i).append(",Paris,z\n");
        }
        HttpResponse<String> response = importCsv("customers", body.toString());

        assertProblem(response, 400);
        assertThat(json(response).path("line").asLong()).isEqualTo(3);
        assertThat(json(response).path("column").asString()).isEqualTo("city");
        assertThat(json(response).path("detail").asString()).contains("runs on for more than");
        assertThat(snapshot()).as("the base after the refusal").isEqualTo(before);
    }

    @Test
    void aBrokenHeaderIsRefusedNamingItsColumnByPosition() throws Exception {
        String before = seededBase();
        HttpResponse<String> response = importCsv("customers", "customer_id,\"city\"x\nA1,Riga\n");

        assertProblem(response, 400);
        assertThat(json(response).path("line").asLong()).isEqualTo(1);
        assertThat(json(response).path("column").asString()).isEqualTo("column 2");
        assertThat(snapshot()).as("the base after the refusal").isEqualTo(before);
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedNamingTheLine() throws Exception {
        String before = seededBase();
        byte[] head = "customer_id,city\nA1,Riga\nA2,".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + 8];
        System.arraycopy(head, 0, body, 0, head.length);
        body[head.length] = (byte) 0xE9; // é in Latin-1
        System.arraycopy("vry\nA3\n".getBytes(StandardCharsets.US_ASCII), 0, body, head.length + 1, 7);

        HttpResponse<String> response = postBytes("/api/v1/imports/customers", CSV, body);

        assertProblem(response, 400);
        assertThat(json(response).path("line").asLong()).isEqualTo(3);
        assertThat(json(response).path("detail").asString()).contains("line 3").contains("UTF-8");
        assertThat(snapshot()).as("the base after the refusal").isEqualTo(before);
    }

    @Test
    void bytesThatAreNotUtf8InNdjsonAreRefusedNamingTheLine() throws Exception {
        String before = seededBase();
        byte[] head = "{\"customer_id\":\"A1\"}\n{\"customer_id\":\"A".getBytes(StandardCharsets.UTF_8);
        byte[] body = java.util.Arrays.copyOf(head, head.length + 3);
        body[head.length] = (byte) 0xFF;
        body[head.length + 1] = '"';
        body[head.length + 2] = '}';

        HttpResponse<String> response = postBytes("/api/v1/imports/customers", NDJSON, body);

        assertProblem(response, 400);
        assertThat(json(response).path("line").asLong()).isEqualTo(2);
        assertThat(snapshot()).as("the base after the refusal").isEqualTo(before);
    }

    @Test
    void aByteOrderMarkAndCrlfLineEndingsAreAccepted() throws Exception {
        byte[] text = "customer_id,city\r\nA1,Riga\r\nA2,\"Pa\r\nris\"\r\nA3,Oslo\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[text.length + 3];
        body[0] = (byte) 0xEF;
        body[1] = (byte) 0xBB;
        body[2] = (byte) 0xBF;
        System.arraycopy(text, 0, body, 3, text.length);

        HttpResponse<String> response = postBytes("/api/v1/imports/customers", "text/csv; charset=utf-8", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).path("created").asLong()).isEqualTo(3);
        assertThat(text("select city from customers where customer_id = 'A1'")).isEqualTo("Riga");
        assertThat(text("select city from customers where customer_id = 'A3'")).isEqualTo("Oslo");
    }

    @Test
    void anUnreadableBodyIsRecordedAsAFailedImport() throws Exception {
        importCsv("customers", "customer_id,city\nA1,\"Riga\"x\n");

        JsonNode history = json(get("/api/v1/imports"));
        assertThat(history).hasSize(1);
        assertThat(history.get(0).path("status").asString()).isEqualTo("FAILED");
        assertThat(history.get(0).path("errors").get(0).path("line").asLong()).isEqualTo(2);
    }

    @Test
    void anUnknownModeIsRefusedWith400() throws Exception {
        String before = seededBase();
        HttpResponse<String> response = importCsv("customers", "careless", "customer_id\nA1\n");

        assertProblem(response, 400);
        assertThat(json(response).path("detail").asString()).contains("mode=lenient");
        assertThat(snapshot()).as("the base after the refusal").isEqualTo(before);
    }

    /**
     * A base a refused import must leave exactly as it was, so "nothing was written" is checked against rows that a
     * half-applied import would change (A1 is in the refused files too), not against an empty database.
     */
    private String seededBase() throws Exception {
        assertThat(importCsv("customers", "customer_id,city,email\nBASE1,Vilnius,base1@example.com\nA1,Kaunas,old@example.com\n")
                .statusCode()).isEqualTo(200);
        assertThat(importCsv("orders", "order_id,customer_id,ordered_at,amount\nBO1,BASE1,2024-03-01,12.50\n").statusCode()).isEqualTo(200);
        String base = snapshot();
        assertThat(base).contains("A1|old@example.com|Kaunas").contains("BO1|BASE1");
        return base;
    }
}
