package io.strata.bootstrap.imports;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sender that stops in the middle of its body (a killed {@code curl}, a broken connection): the import writes nothing
 * and its record says so in the product's words, at the line where the body stopped, and what to do. Before session 56
 * a CSV import was recorded "the CSV cannot be read at line 4: null. Check the quoting: …" (the transport's
 * {@code EOFException} has no message, and quoting had nothing to do with it), an NDJSON import "the body could not be
 * read: java.io.EOFException".
 */
class CutOffBodyTest extends ImportEndToEndTest {

    @Test
    void aCsvBodyThatStopsMidLineIsRecordedAsCutOffAtThatLineAndWritesNothing() throws Exception {
        String before = seededBase();
        JsonNode report = sendCutOff("/api/v1/imports/customers", CSV,
                "customer_id,city\nCUT1,Riga\nCUT2,Paris\nCUT3,Ber");

        assertCutOffAtLine(report, 4);
        assertThat(snapshot()).as("the base after the cut-off import").isEqualTo(before);
    }

    @Test
    void anNdjsonBodyThatStopsMidLineIsRecordedAsCutOffAtThatLineAndWritesNothing() throws Exception {
        String before = seededBase();
        JsonNode report = sendCutOff("/api/v1/imports/events", NDJSON,
                "{\"customer_id\":\"CUT1\",\"event_type\":\"open\",\"occurred_at\":\"2026-01-01T00:00:00Z\"}\n"
                        + "{\"customer_id\":\"CUT2\",\"event_type\":\"open\",\"occurred_at\":\"2026-01-01T00:00:00Z\"}\n"
                        + "{\"customer_id\":\"CUT3\",\"event_");

        assertCutOffAtLine(report, 3);
        assertThat(snapshot()).as("the base after the cut-off import").isEqualTo(before);
    }

    private static void assertCutOffAtLine(JsonNode report, long line) {
        String said = "the body stopped arriving at line " + line + ", before its end: the connection broke, or the sender stopped"
                + " sending or went silent, so nothing of it was written; send the whole file again";
        assertThat(report.path("status").asString()).isEqualTo("FAILED");
        assertThat(report.path("message").asString()).isEqualTo(said);
        assertThat(report.path("errors").get(0).path("line").asLong()).isEqualTo(line);
        assertThat(report.path("errors").get(0).path("message").asString()).isEqualTo(said);
        assertThat(report.path("rowsImported").asLong()).isZero();
    }

    /**
     * Announces a body of 100,000 bytes, sends the start of it and closes the connection; then waits for the import's
     * record to say how it ended (the sender is gone, so nobody reads the answer).
     */
    private JsonNode sendCutOff(String path, String contentType, String start) throws Exception {
        long imports = count("select count(*) from imports");
        byte[] sent = start.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TOKEN + "\r\nContent-Type: "
                + contentType + "\r\nContent-Length: 100000\r\n\r\n";
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(sent);
            out.flush();
            Instant until = Instant.now().plusSeconds(30);
            while (count("select count(*) from imports") == imports && Instant.now().isBefore(until)) {
                Thread.sleep(20);
            }
            // the import has begun reading: give it the bytes, then stop sending
            Thread.sleep(200);
        }
        String importId = text("select import_id::text from imports order by started_at desc limit 1");
        Instant until = Instant.now().plus(Duration.ofSeconds(30));
        JsonNode report = json(get("/api/v1/imports/" + importId));
        while (report.path("status").asString().equals("RUNNING") && Instant.now().isBefore(until)) {
            Thread.sleep(50);
            report = json(get("/api/v1/imports/" + importId));
        }
        return report;
    }

    /** A base the cut-off imports must leave as it was: CUT1 is in both cut-off bodies too. */
    private String seededBase() throws Exception {
        assertThat(importCsv("customers", "customer_id,city\nCUT1,Vilnius\nBASE1,Kaunas\n").statusCode()).isEqualTo(200);
        String base = snapshot();
        assertThat(base).contains("CUT1|").contains("Vilnius");
        return base;
    }
}
