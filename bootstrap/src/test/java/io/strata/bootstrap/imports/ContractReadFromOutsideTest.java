package io.strata.bootstrap.imports;

import io.strata.bootstrap.SteerableRuns;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sentences of the outside contract (api-contract.md) that did not hold when session 59 read it from outside, against
 * the jar started as the contract says. Each oracle is the contract's sentence, written out here, not the code's.
 */
class ContractReadFromOutsideTest extends ImportEndToEndTest {

    @Autowired
    private SteerableRuns held;

    /** One character outside the Basic Multilingual Plane (U+1F600): one character, two Java chars, four UTF-8 bytes. */
    private static final String GRIN = new String(Character.toChars(0x1F600));

    /**
     * "customer_id (required, 1–64 characters, unique key)": 64 characters are allowed whatever the characters. An id
     * of 64 U+1F600 was refused as "customer_id has 128 characters" (UTF-16 units counted), in customers, orders and
     * events alike, and the customer could not be read back by its id; 65 of them are refused as 65 characters.
     */
    @Test
    void aCustomerIdOf64CharactersIsAcceptedWhateverTheCharacters() throws Exception {
        String sixtyFour = GRIN.repeat(64);
        String sixtyFive = GRIN.repeat(65);
        String otherSixtyFour = "é".repeat(63) + GRIN;

        HttpResponse<String> customers = importCsv("customers", "customer_id,city\n" + sixtyFour + ",Riga\n");
        assertThat(customers.statusCode()).as(customers.body()).isEqualTo(200);
        assertThat(json(customers).path("created").asLong()).isEqualTo(1);

        HttpResponse<String> orders = importCsv("orders", "order_id,customer_id,ordered_at,amount\n"
                + sixtyFour + "," + otherSixtyFour + ",2026-06-01T10:00:00Z,12.5\n");
        assertThat(orders.statusCode()).as(orders.body()).isEqualTo(200);
        assertThat(json(orders).path("rowsImported").asLong()).isEqualTo(1);

        HttpResponse<String> events = post("/api/v1/imports/events", NDJSON, "{\"customer_id\":\"" + sixtyFour
                + "\",\"event_type\":\"email_open\",\"occurred_at\":\"2026-06-02T10:00:00Z\"}\n");
        assertThat(events.statusCode()).as(events.body()).isEqualTo(200);
        assertThat(json(events).path("rowsImported").asLong()).isEqualTo(1);

        HttpResponse<String> profile = get("/api/v1/customers/" + URLEncoder.encode(sixtyFour, StandardCharsets.UTF_8));
        assertThat(profile.statusCode()).as(profile.body()).isEqualTo(200);
        assertThat(json(profile).path("customerId").asString()).isEqualTo(sixtyFour);
        assertThat(json(profile).path("profile").path("city").asString()).isEqualTo("Riga");
        assertThat(count("select count(*) from customers")).isEqualTo(2);
        assertThat(text("select order_id from orders")).isEqualTo(sixtyFour);

        HttpResponse<String> tooLong = importCsv("customers", "customer_id,city\n" + sixtyFive + ",Oslo\n");
        assertRejected(tooLong);
        JsonNode error = json(tooLong).path("errors").get(0);
        assertThat(error.path("line").asLong()).isEqualTo(2);
        assertThat(error.path("column").asString()).isEqualTo("customer_id");
        assertThat(error.path("message").asString()).isEqualTo("customer_id has 65 characters; at most 64 are allowed");
        assertThat(count("select count(*) from customers")).isEqualTo(2);
    }

    /**
     * "amount (required, decimal with up to 4 places, kept exactly as sent)", and an invalid row is reported with what
     * is wrong, where, and how to mend it: five places are refused at line 3, column amount, saying to round to four
     * (the message said only "has more than 4 decimal places"), and in strict mode nothing is written.
     */
    @Test
    void anAmountWithFiveDecimalPlacesIsRefusedSayingHowToMendIt() throws Exception {
        HttpResponse<String> response = importCsv("orders", "order_id,customer_id,ordered_at,amount\n"
                + "A1,C1,2026-06-01,10.1234\n"
                + "A2,C1,2026-06-01,10.12345\n"
                + "A3,C1,2026-06-01,999999999999999.99995\n"
                + "A4,C1,2026-06-01,1000000000000000.12345\n");

        assertRejected(response);
        JsonNode report = json(response);
        assertThat(report.path("status").asString()).isEqualTo("REJECTED");
        JsonNode error = report.path("errors").get(0);
        assertThat(error.path("line").asLong()).isEqualTo(3);
        assertThat(error.path("column").asString()).isEqualTo("amount");
        assertThat(error.path("value").asString()).isEqualTo("10.12345");
        assertThat(error.path("message").asString())
                .startsWith("'10.12345' has more than 4 decimal places;")
                .contains("round it to 4 places")
                .contains("10.1235");
        // the example is itself a value the import takes: rounded down where half up would reach 10^15
        assertThat(report.path("errors").get(1).path("message").asString()).contains("(e.g. 999999999999999.9999)");
        // too large: rounding would not mend it, so the places are not what it is told about
        assertThat(report.path("errors").get(2).path("line").asLong()).isEqualTo(5);
        assertThat(report.path("errors").get(2).path("message").asString())
                .isEqualTo("'1000000000000000.12345' is too large; at most 15 digits before the decimal point");
        assertThat(count("select count(*) from orders")).isZero();
    }

    /**
     * "Bodies: text/csv ... or application/x-ndjson ... Anything else: 415", with a detail a person can act on: a body
     * sent without any Content-Type is a 415 that says the header is missing (it said "Content-Type '' is not
     * supported"), names the two types to send, and writes nothing.
     */
    @Test
    void aBodyWithoutContentTypeIsA415SayingTheHeaderIsMissing() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/imports/customers"))
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("customer_id,city\nN1,Riga\n")).build());

        assertProblem(response, 415);
        String detail = json(response).path("detail").asString();
        assertThat(detail).startsWith("The request has no Content-Type").contains("text/csv").contains("application/x-ndjson")
                .doesNotContain("''");
        assertThat(count("select count(*) from customers")).isZero();
    }

    /**
     * "amount (required, decimal with up to 4 places ...)", "monetary = sum of all counted lines", and "Every customer
     * is in exactly one general segment in every run": amounts the import takes (15 digits before the point) may sum past
     * 10^15 for one customer, and for one segment. Every run then failed ("numeric field overflow", the run's
     * monetary and a segment's revenue were numeric(19,4)), and went on failing, whatever was imported after.
     * Expected by hand from rfm-classic's text, N = 4 buyers as of 2026-06-30, score 1 + floor(5 (rank - 1) / 4):
     * recency G1 29 (rank 1: R 1), G2 and G3 20 (rank 2: R 2), S1 0 (rank 4: R 4); frequency G2, G3, S1 1 (rank 1:
     * F 1), G1 2 (rank 4: F 4); monetary S1 10 (M 1), G2 and G3 6e14 (rank 2: M 2), G1 1.2e15 (rank 4: M 4). So G1
     * at_risk (R 1, F 4), G2 and G3 hibernating (R 2, F 1; revenue 1.2e15), S1 promising (R 4, F 1).
     */
    @Test
    void aRunAddsUpAmountsPastAQuadrillionForACustomerAndForASegment() throws Exception {
        HttpResponse<String> imported = importCsv("orders", """
                order_id,customer_id,ordered_at,amount
                G1-a,G1,2026-05-01T09:00:00Z,600000000000000.0000
                G1-b,G1,2026-06-01T09:00:00Z,600000000000000
                G2-a,G2,2026-06-10T09:00:00Z,600000000000000
                G3-a,G3,2026-06-10T18:00:00Z,600000000000000
                S1-a,S1,2026-06-30T12:00:00Z,10
                """);
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        HttpResponse<String> created = post("/api/v1/segmentations", "application/json", "{\"name\":\"RFM\",\"template\":\"rfm-classic\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = json(created).path("id").asLong();
        assertThat(post("/api/v1/segmentations/" + id + "/activate", "application/json", "").statusCode()).isEqualTo(200);

        HttpResponse<String> run = post("/api/v1/segmentation-runs?wait=true", "application/json", "{\"asOf\":\"2026-06-30\"}");

        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        JsonNode body = json(run);
        assertThat(body.path("status").asString()).as(body.toString()).isEqualTo("COMPLETED");
        assertThat(body.path("customers").asLong()).isEqualTo(4);
        java.util.Map<String, String> revenue = new java.util.TreeMap<>();
        long counted = 0;
        for (JsonNode segment : body.path("segments")) {
            counted += segment.path("customers").asLong();
            if (segment.path("customers").asLong() > 0) {
                revenue.put(segment.path("key").asString(), segment.path("revenue").decimalValue().stripTrailingZeros().toPlainString());
            }
        }
        assertThat(counted).isEqualTo(4);
        assertThat(revenue).containsExactly(java.util.Map.entry("at_risk", "1200000000000000"),
                java.util.Map.entry("hibernating", "1200000000000000"), java.util.Map.entry("promising", "10"));
        assertThat(run.body()).contains("\"key\":\"hibernating\",\"name\":\"Hibernating\",\"rank\":2,\"customers\":2,"
                + "\"revenue\":1200000000000000.0000,");
        HttpResponse<String> assignments = get("/api/v1/segmentation-runs/" + body.path("runId").asLong() + "/assignments");
        assertThat(assignments.statusCode()).isEqualTo(200);
        assertThat(assignments.body()).isEqualTo("""
                customer_id,segment,r,f,m,recency_days,frequency,monetary
                G1,at_risk,1,4,4,29,2,1200000000000000.0000
                G2,hibernating,2,1,2,20,1,600000000000000.0000
                G3,hibernating,2,1,2,20,1,600000000000000.0000
                S1,promising,4,1,1,0,1,10.0000
                """);
    }

    /**
     * "GET /api/v1/segmentation-runs/{runId}/assignments streams CSV with header ..., one row per customer": a run that
     * has not completed has no row per customer yet, and is not answered as if it had none. It was a 200 with the
     * header alone for a FAILED run (or whatever its partition held while RUNNING); now a 409 problem saying the run's
     * status and what to do, as its predictions already were, and the CSV once it has completed.
     */
    @Test
    void theAssignmentsOfARunThatHasNotCompletedAreA409NotAnEmptyCsv() throws Exception {
        assertThat(importCsv("orders", "order_id,customer_id,ordered_at,amount\nH1,H1,2026-06-01,10\nH2,H2,2026-06-02,20\n")
                .statusCode()).isEqualTo(200);
        HttpResponse<String> created = post("/api/v1/segmentations", "application/json", "{\"name\":\"Tiers\",\"template\":\"frequency-tiers\"}");
        long id = json(created).path("id").asLong();
        assertThat(post("/api/v1/segmentations/" + id + "/activate", "application/json", "").statusCode()).isEqualTo(200);
        long runId;
        held.hold();
        try {
            HttpResponse<String> started = post("/api/v1/segmentation-runs", "application/json", "{\"asOf\":\"2026-06-30\"}");
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            runId = json(started).path("runId").asLong();
            held.awaitHeld();
            assertThat(json(get("/api/v1/segmentation-runs/" + runId)).path("status").asString()).isEqualTo("RUNNING");

            HttpResponse<String> running = get("/api/v1/segmentation-runs/" + runId + "/assignments");

            assertProblem(running, 409);
            assertThat(json(running).path("detail").asString()).isEqualTo("run " + runId + " is RUNNING; its assignments are there once"
                    + " it has completed: ask again when the run's status says COMPLETED");
            held.expectCompletion();
        } finally {
            held.letGo();
        }
        held.awaitCompleted();
        // the API's description says so too
        assertThat(json(get("/v3/api-docs")).path("paths").path("/api/v1/segmentation-runs/{runId}/assignments").path("get")
                .path("responses").path("409").path("description").asString()).startsWith("The run has not completed (RUNNING or FAILED)");
        HttpResponse<String> completed = get("/api/v1/segmentation-runs/" + runId + "/assignments");
        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(200);
        assertThat(completed.body()).isEqualTo("""
                customer_id,segment,r,f,m,recency_days,frequency,monetary
                H1,newcomers,,,,29,1,10.0000
                H2,newcomers,,,,28,1,20.0000
                """);
    }

    /**
     * "amount (required, decimal with up to 4 places ...: the line's total)" and "An order's total is the sum of its
     * lines", with "if any row is invalid nothing is written, the answer is 422": each line's amount is within the
     * bound the import takes (15 digits before the point), their sum is not. Such an order was a 503 "a problem on
     * Strata's side, not in the file ... send the file again", which fails again for ever; now each of its lines is
     * an error at amount naming the order and its sum (422 in strict mode, nothing written; lenient: the order left
     * out whole, the others written), whether its lines come together or apart in the file.
     */
    @Test
    void anOrderWhoseLinesSumPastTheBoundIsRefusedLineByLine() throws Exception {
        String body = """
                order_id,customer_id,ordered_at,amount
                OK1,C1,2026-06-01T10:00:00Z,10
                BIG,C1,2026-06-01T10:00:00Z,999999999999999.9999
                BIG,C1,2026-06-01T10:00:00Z,0.0001
                APART,C2,2026-06-01T10:00:00Z,-600000000000000
                OK2,C2,2026-06-01T11:00:00Z,5
                APART,C2,2026-06-01T10:00:00Z,-400000000000000
                """;

        HttpResponse<String> strict = importCsv("orders", body);

        assertRejected(strict);
        assertThat(count("select count(*) from orders")).isZero();
        JsonNode errors = json(strict).path("errors");
        assertThat(errors).hasSize(4);
        long[] lines = {3, 4, 5, 7};
        String[] sums = {"1000000000000000", "1000000000000000", "-1000000000000000", "-1000000000000000"};
        String[] orders = {"BIG", "BIG", "APART", "APART"};
        for (int i = 0; i < 4; i++) {
            JsonNode error = errors.get(i);
            assertThat(error.path("line").asLong()).isEqualTo(lines[i]);
            assertThat(error.path("column").asString()).isEqualTo("amount");
            assertThat(error.path("value").asString()).isEqualTo(sums[i]);
            assertThat(error.path("message").asString()).isEqualTo("the lines of order " + orders[i] + " add up to " + sums[i]
                    + "; an order's total must stay under 10^15 either way (15 digits before the point): check the amounts,"
                    + " or send such a sum as several orders");
        }

        HttpResponse<String> lenient = importCsv("orders", "lenient", body);

        assertThat(lenient.statusCode()).as(lenient.body()).isEqualTo(200);
        assertThat(json(lenient).path("rowsImported").asLong()).isEqualTo(2);
        assertThat(json(lenient).path("rowsRejected").asLong()).isEqualTo(4);
        assertThat(text("select string_agg(order_id || '=' || total, ',' order by order_id) from orders")).isEqualTo("OK1=10.0000,OK2=5.0000");
    }

    private static void assertRejected(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(json(response).path("status").asString()).isEqualTo("REJECTED");
    }
}
