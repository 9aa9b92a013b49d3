package io.strata.bootstrap.imports;

import io.strata.adapters.web.imports.ImportController;
import io.strata.adapters.web.imports.LimitedBody;
import io.strata.adapters.web.imports.PayloadTooLarge;
import io.strata.application.imports.ImportReport;
import io.strata.bootstrap.SteerableClock;
import io.strata.bootstrap.SteerableImports;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.util.ReflectionTestUtils;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The body size limit (413) and the progress an import shows while it runs. */
class BodyLimitAndProgressTest extends ImportEndToEndTest {

    @Autowired
    ImportController controller;

    @Autowired
    SteerableImports checkpoints;

    @Autowired
    SteerableClock clock;

    @Test
    void aLimitedBodyPassesUpToTheLimitAndStopsBeyondIt() throws Exception {
        byte[] hundred = new byte[100];

        assertThat(new LimitedBody(new ByteArrayInputStream(hundred), 100).readAllBytes()).hasSize(100);
        InputStream tooLong = new LimitedBody(new ByteArrayInputStream(hundred), 99);
        assertThatThrownBy(tooLong::readAllBytes).isInstanceOf(PayloadTooLarge.class).hasMessageContaining("strata.import.max-body-size");
    }

    @Test
    void theLimitIsFourGigabytesByDefault() {
        assertThat(ReflectionTestUtils.getField(controller, "maxBodyBytes")).isEqualTo(4L * 1024 * 1024 * 1024);
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413AndWritesNothing() throws Exception {
        Object limit = ReflectionTestUtils.getField(controller, "maxBodyBytes");
        ReflectionTestUtils.setField(controller, "maxBodyBytes", 64L);
        try {
            String body = "customer_id,city\nA1,Riga\nA2,Paris\nA3,Oslo\nA4,Rome\nA5,Vienna\nA6,Berlin\n";
            HttpResponse<String> declared = post("/api/v1/imports/customers", CSV, body);
            HttpResponse<String> streamed = send(HttpRequest.newBuilder(uri("/api/v1/imports/customers"))
                    .header("Authorization", "Bearer " + TOKEN).header("Content-Type", CSV)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
                    .build());

            assertProblem(declared, 413);
            assertProblem(streamed, 413);
            assertThat(json(streamed).path("detail").asString()).contains("64 bytes");
            assertThat(count("select count(*) from customers")).isZero();
        } finally {
            ReflectionTestUtils.setField(controller, "maxBodyBytes", limit);
        }
    }

    @Test
    void aRunningImportShowsItsProgress() throws Exception {
        PipedOutputStream sender = new PipedOutputStream();
        PipedInputStream body = new PipedInputStream(sender, 1 << 20);
        checkpoints.holdWhenReading();
        checkpoints.holdAfterProgress();
        try {
            CompletableFuture<HttpResponse<String>> answer = http.sendAsync(HttpRequest.newBuilder(uri("/api/v1/imports/customers"))
                    .header("Authorization", "Bearer " + TOKEN).header("Content-Type", CSV)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build(), HttpResponse.BodyHandlers.ofString());
            sender.write(rows(0, 10_000));
            sender.flush();
            // progress is saved at most once a second, checked every 4,096 rows: with the import held as it starts to
            // read, the clock passes that second, so the check at row 4,096 must save; the import is then held until
            // the test has read its record (the reader reads ahead in blocks, so more rows than 4,096 are sent first)
            ImportReport held = checkpoints.awaitReading();
            clock.advance(Duration.ofMillis(ProgressRule.EVERY_MILLIS));
            checkpoints.releaseReading();
            ImportReport saved = checkpoints.awaitProgressOf(held.importId());
            JsonNode running = json(get("/api/v1/imports/" + saved.importId()));
            checkpoints.releaseProgress();

            sender.write(rows(10_000, 12_000));
            sender.close();
            HttpResponse<String> done = answer.get(30, TimeUnit.SECONDS);

            assertThat(running.path("status").asString()).isEqualTo("RUNNING");
            assertThat(running.path("rowsReceived").asLong()).isEqualTo(ProgressRule.CHECK_ROWS);
            assertThat(running.path("rowsRejected").asLong()).isZero();
            assertThat(json(done).path("importId").asString()).isEqualTo(saved.importId().toString());
            assertThat(json(done).path("status").asString()).isEqualTo("COMPLETED");
            assertThat(saved.rowsReceived()).isEqualTo(ProgressRule.CHECK_ROWS);
            assertThat(json(done).path("rowsImported").asLong()).isEqualTo(12_000);
        } finally {
            checkpoints.disarm();
        }
    }

    /** ImportService's progress rule, written out: the test states the rule it relies on. */
    private static final class ProgressRule {
        static final long EVERY_MILLIS = 1_000;
        static final long CHECK_ROWS = 4_096;
    }

    private static byte[] rows(int from, int to) {
        StringBuilder text = new StringBuilder(from == 0 ? "customer_id,city\n" : "");
        for (int i = from; i < to; i++) {
            text.append("P").append(i).append(",Riga\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
