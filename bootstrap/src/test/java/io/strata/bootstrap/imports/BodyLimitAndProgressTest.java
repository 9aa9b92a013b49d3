package io.strata.bootstrap.imports;

import io.strata.adapters.web.imports.ImportController;
import io.strata.adapters.web.imports.LimitedBody;
import io.strata.adapters.web.imports.PayloadTooLarge;
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
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The body size limit (413) and the progress an import shows while it runs. */
class BodyLimitAndProgressTest extends ImportEndToEndTest {

    @Autowired
    ImportController controller;

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
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(HttpRequest.newBuilder(uri("/api/v1/imports/customers"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", CSV)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build(), HttpResponse.BodyHandlers.ofString());

        sender.write(rows(0, 5000));
        sender.flush();
        // progress is saved at most once a second from the import's start: wait for the start to be recorded, let a
        // second pass, and only then send the rows whose count triggers a save, so a loaded machine cannot outrun it
        awaitImportRecorded();
        Thread.sleep(ImportProgressInterval.MILLIS + 100);
        sender.write(rows(5000, 10000));
        sender.flush();
        JsonNode running = null;
        Instant deadline = Instant.now().plusSeconds(20);
        while (running == null && Instant.now().isBefore(deadline)) {
            JsonNode history = json(get("/api/v1/imports"));
            if (history.size() == 1 && history.get(0).path("rowsReceived").asLong() > 0) {
                running = json(get("/api/v1/imports/" + history.get(0).path("importId").asString()));
            } else {
                Thread.sleep(50);
            }
        }
        sender.close();
        HttpResponse<String> done = answer.get(30, TimeUnit.SECONDS);

        assertThat(running).isNotNull();
        assertThat(running.path("status").asString()).isEqualTo("RUNNING");
        assertThat(running.path("rowsReceived").asLong()).isBetween(4096L, 10_000L);
        assertThat(json(done).path("status").asString()).isEqualTo("COMPLETED");
        assertThat(json(done).path("rowsImported").asLong()).isEqualTo(10_000);
    }

    private void awaitImportRecorded() throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        while (json(get("/api/v1/imports")).size() == 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the import was not recorded as started within 20 s");
            }
            Thread.sleep(20);
        }
    }

    /** The interval of ImportService.PROGRESS_EVERY_MILLIS, written out: the test states the rule it relies on. */
    private static final class ImportProgressInterval {
        static final long MILLIS = 1_000;
    }

    private static byte[] rows(int from, int to) {
        StringBuilder text = new StringBuilder(from == 0 ? "customer_id,city\n" : "");
        for (int i = from; i < to; i++) {
            text.append("P").append(i).append(",Riga\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
