package io.strata.bootstrap.imports;

import com.zaxxer.hikari.HikariDataSource;
import io.strata.bootstrap.OtherNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Strata stopped (a SIGTERM, a deploy) while an import's body is still arriving, beyond the stop's wait for requests
 * under way ({@code spring.lifecycle.timeout-per-shutdown-phase}, 1 s here): the server closes the connection, nothing
 * of the import is written, and its record says that Strata's stop cut it and what to do. Before session 58 the record
 * said "the connection broke, or the sender stopped sending or went silent", blaming the sender (the probe with the
 * jar: a 1,000,000-line orders import and a SIGTERM 3 s in). A node of its own on the suite's database is stopped.
 */
class ImportAtStopTest extends ImportEndToEndTest {

    @Autowired
    private HikariDataSource dataSource;

    private OtherNode node;

    @AfterEach
    void closeNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void aBodyStillArrivingWhenStrataStopsIsCutWritesNothingAndItsRecordSaysStrataStopped() throws Exception {
        assertThat(importCsv("customers", "customer_id,city\nSTOP1,Vilnius\nBASE1,Kaunas\n").statusCode()).isEqualTo(200);
        String before = snapshot();
        node = OtherNode.start(dataSource, "strata.schedules.enabled=false", "strata.predictions.warm-up=false",
                "spring.lifecycle.timeout-per-shutdown-phase=1s");
        long imports = count("select count(*) from imports");
        String head = "POST /api/v1/imports/customers HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TOKEN
                + "\r\nContent-Type: text/csv\r\nContent-Length: 100000\r\n\r\n";
        byte[] start = "customer_id,city\nSTOP1,Riga\nSTOP2,Paris\nSTOP3,Ber".getBytes(StandardCharsets.UTF_8);
        int answered;
        try (Socket socket = new Socket("localhost", node.port())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(start);
            out.flush();
            Instant until = Instant.now().plusSeconds(30);
            while (count("select count(*) from imports") == imports && Instant.now().isBefore(until)) {
                Thread.sleep(20);
            }
            Thread.sleep(200);
            // the sender is still there, with most of its body to send, when the node stops
            node.close();
            answered = firstByte(socket.getInputStream());
        }

        assertThat(answered).as("the server closed the connection without an answer (the graceful wait was over)").isEqualTo(-1);
        String importId = text("select import_id::text from imports order by started_at desc limit 1");
        JsonNode report = json(get("/api/v1/imports/" + importId));
        String said = "the body stopped arriving at line 4, before its end, because Strata was stopped (a restart or a deploy) while the"
                + " file was arriving, so nothing of it was written; send the whole file again once Strata is back";
        assertThat(report.path("status").asString()).isEqualTo("FAILED");
        assertThat(report.path("message").asString()).isEqualTo(said);
        assertThat(report.path("errors").get(0).path("message").asString()).isEqualTo(said);
        assertThat(report.path("rowsImported").asLong()).isZero();
        assertThat(snapshot()).as("nothing of the cut import kept").isEqualTo(before);
    }

    private static int firstByte(InputStream in) {
        try {
            return in.read();
        } catch (IOException reset) {
            return -1;
        }
    }
}
