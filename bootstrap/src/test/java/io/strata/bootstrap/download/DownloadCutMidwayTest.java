package io.strata.bootstrap.download;

import com.zaxxer.hikari.HikariDataSource;
import io.strata.bootstrap.EndToEndTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CSV download the database fails under after its 200 has gone out with some rows (docs/architecture.md, "A download
 * cut midway"): the client must be able to tell that the file is not whole. Read with a raw socket, so that what
 * HTTP/1.1's chunked encoding carried is seen as it is: a whole file ends with the last chunk ({@code 0} and an empty
 * line); a cut one must not.
 */
@ExtendWith(OutputCaptureExtension.class)
class DownloadCutMidwayTest extends EndToEndTest {

    private static final String ACTOR = "download-cut-midway";
    private static final int ENTRIES = 60_000;

    @Autowired
    private HikariDataSource dataSource;

    @Test
    @Timeout(180)
    void theConsolesAuditExportCutByTheDatabaseEndsWithoutTheLastChunkAndTheLogSaysWhichDownloadAndWhy(CapturedOutput output) throws Exception {
        jdbc.sql("insert into audit_events (actor, action, subject_type, subject_id, detail) select ?, 'CREATED', 'segmentation', "
                + "'cut-' || g, repeat('d', 120) from generate_series(1, ?) g").params(ACTOR, ENTRIES).update();
        try {
            HttpClient browser = loggedInAsAdmin("http://localhost:" + port);
            String cookies = String.join("; ", ((CookieManager) browser.cookieHandler().orElseThrow()).getCookieStore().getCookies()
                    .stream().map(HttpCookie::toString).toList());
            int logFrom = output.getOut().length();
            try (Socket socket = new Socket()) {
                // a small window: the server's writes wait for this reader, so it cannot have read every page before the cut
                socket.setReceiveBufferSize(8 * 1024);
                socket.connect(new InetSocketAddress("localhost", port));
                socket.setSoTimeout(60_000);
                OutputStream request = socket.getOutputStream();
                request.write(("GET /admin/audit.csv?actor=" + ACTOR + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nCookie: " + cookies
                        + "\r\nAccept: text/csv\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                request.flush();
                InputStream in = socket.getInputStream();
                String head = head(in);
                assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("Transfer-Encoding: chunked")
                        .containsIgnoringCase("filename=\"audit-trail.csv\"");

                CountDownLatch ended = new CountDownLatch(1);
                CompletableFuture<Chunks> rest = CompletableFuture.supplyAsync(() -> Chunks.read(in, ended));
                // the export reads its pages within one read-only transaction (session 60: streamed by cursor), which holds
                // its lock on the trail throughout; its session, waiting for this client between two pages, is ended as an
                // administrator's pg_terminate_backend or a server's fast shutdown ends it (until session 60 the test locked
                // the table and ended the session waiting for the lock: the transaction's own lock now comes first)
                awaitExportReading();
                assertThat(jdbc.sql("select count(*) filter (where pg_terminate_backend(pid)) from pg_stat_activity " + EXPORT_READING)
                        .query(Long.class).single()).isEqualTo(1);
                ended.countDown();
                Chunks body = rest.get(90, TimeUnit.SECONDS);
                String csv = new String(body.data.toByteArray(), StandardCharsets.UTF_8);
                long rows = csv.lines().count() - 1;
                System.err.println("cut: rows=" + rows + " lastChunk=" + body.lastChunk + " ending=" + body.ending + " bytes=" + body.data.size());
                assertThat(csv).startsWith("occurred_at,actor,action,subject_type,subject_id,sentence,detail\n");
                assertThat(rows).as("rows the client got before the cut").isPositive().isLessThan(ENTRIES);
                assertThat(body.lastChunk).as("the last chunk, which says the file is whole, after %s rows", rows).isFalse();
                assertThat(body.ending).as("how the connection ended").isIn("closed", "reset");
            }
            String log = awaitLog(output, logFrom, "was cut after");
            assertThat(log).containsPattern("WARN .* The download audit-trail\\.csv \\(GET /admin/audit\\.csv\\) was cut after [0-9,]+ rows: "
                    + "the database failed while its rows were read \\(FATAL: terminating connection due to administrator command"
                    + "\\)\\. Its connection is closed without the file's end, so the client sees an incomplete "
                    + "download and can download it again\\.");
            assertThat(log.lines().filter(line -> line.contains("was cut after")).count()).as("said once, by Strata:\n%s", log).isEqualTo(1);
            assertThat(log.lines().filter(line -> line.startsWith("\tat ")).count()).as("stack frames in the log:\n%s", log).isZero();
            assertThat(log).doesNotContain("getOutputStream() has already been called").doesNotContain("Caused by");
        } finally {
            try (Connection connection = dataSource.getConnection(); Statement sql = connection.createStatement()) {
                sql.execute("set session_replication_role = replica"); // the trail's append-only trigger stands back for the clean-up
                sql.execute("delete from audit_events where actor = '" + ACTOR + "'");
                sql.execute("set session_replication_role = origin");
            }
        }
    }

    /**
     * The database fails before any byte of the download went out (here the run's rows wait for a lock and that session
     * is ended): nothing is committed yet, so the answer is the API's 503 in words, not a 200 whose file is a header and
     * then a cut. Read with the JDK's client, as a program downloading the file would.
     */
    @Test
    @Timeout(180)
    void aDownloadWhoseDatabaseFailsBeforeItsFirstByteIsAnsweredWithTheApis503(CapturedOutput output) throws Exception {
        twoBuyersAndAnActiveSegmentation();
        java.net.http.HttpResponse<String> run = runAndAwaitFollowUps("{\"asOf\":\"2024-06-30\"}");
        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        long runId = io.strata.bootstrap.segmentation.SegmentationApiTest.number(run.body(), "runId");
        java.net.http.HttpRequest download = java.net.http.HttpRequest.newBuilder(uri("/api/v1/segmentation-runs/" + runId + "/assignments"))
                .header("Authorization", "Bearer " + TOKEN).GET().build();
        assertThat(send(download).body()).as("the whole file, when nothing fails").startsWith("customer_id,segment,").contains("\nm1,").contains("\nm2,");
        CompletableFuture<java.net.http.HttpResponse<String>> answer;
        // the run's read-ahead would wait for the lock too, and be the session counted and ended instead of the download's
        awaitNoReadAhead();
        try (Connection blocker = dataSource.getConnection(); Statement sql = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            sql.execute("lock table customers in access exclusive mode");
            answer = http.sendAsync(download, java.net.http.HttpResponse.BodyHandlers.ofString());
            awaitSessionsWaitingForLocks(1);
            assertThat(jdbc.sql("select count(*) filter (where pg_terminate_backend(pid)) from pg_stat_activity "
                    + "where wait_event_type = 'Lock' and datname = current_database()").query(Long.class).single()).isEqualTo(1);
            blocker.rollback();
        }
        java.net.http.HttpResponse<String> refused = answer.get(60, TimeUnit.SECONDS);
        System.err.println("cut: before the first byte " + refused.statusCode() + " " + refused.headers().map() + " " + refused.body());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.headers().firstValue("Content-Disposition")).as("no file to save").isEmpty();
        assertThat(refused.body()).contains(io.strata.bootstrap.busy.DatabaseUnavailable.DETAIL).doesNotContain("customer_id,segment");
    }

    /** The sessions of the audit export, between two pages of the trail or reading one. */
    private static final String EXPORT_READING = "where pid <> pg_backend_pid() and datname = current_database() "
            + "and query like 'select * from audit_events%' and state in ('active', 'idle in transaction')";

    private void awaitExportReading() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (jdbc.sql("select count(*) from pg_stat_activity " + EXPORT_READING).query(Long.class).single() != 1) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no session of the audit export within 30 s");
            }
            Thread.sleep(20);
        }
    }

    /**
     * The log since {@code from}, once a line holding {@code words} is in it and the server has nothing of the request in
     * hand any more. Strata's line is written by the writer (MVC's async thread); the container's own lines about the same
     * request come after it, on the Tomcat worker that handles the dispatch the writer's failure sends (two ERROR lines a
     * few ms later, and the error page). A fixed pause of 500 ms stood for "the container is done": a guess, and on a
     * loaded machine an unchecked one. Now the wait is for the condition itself: the writer's thread ended (the dispatch it
     * sends is handed to Tomcat before that) and Tomcat's own count of tasks given to its workers and not done at 0. At
     * most 30 s, then a failure that says which part was missing.
     */
    private String awaitLog(CapturedOutput output, int from, String words) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            boolean written = output.getOut().substring(from).contains(words);
            // the writer first: the dispatch it sends to Tomcat is queued or running before its thread ends
            boolean writerEnded = Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("MvcAsync") && t.isAlive());
            // Tomcat's own count of the tasks given to its workers and not yet done (queued or running)
            boolean tomcatIdle = tomcatWorkers().getSubmittedCount() == 0;
            if (written && writerEnded && tomcatIdle) {
                return output.getOut().substring(from);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("within 30 s: line '" + words + "' written " + written + ", MVC's writer ended " + writerEnded
                        + ", Tomcat's workers idle " + tomcatIdle + "; the log:\n" + output.getOut().substring(from));
            }
            Thread.sleep(20);
        }
    }

    @Autowired
    private org.springframework.boot.web.server.context.WebServerApplicationContext context;

    /** Tomcat's workers, which handle every request and dispatch of the context. */
    private org.apache.tomcat.util.threads.ThreadPoolExecutor tomcatWorkers() {
        return (org.apache.tomcat.util.threads.ThreadPoolExecutor) ((org.springframework.boot.tomcat.TomcatWebServer) context.getWebServer())
                .getTomcat().getConnector().getProtocolHandler().getExecutor();
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("the connection closed within the head: " + head);
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** A chunked body as it came: its data, whether the last chunk came, and how the connection ended. */
    private static final class Chunks {
        final ByteArrayOutputStream data = new ByteArrayOutputStream();
        boolean lastChunk;
        String ending;

        static Chunks read(InputStream in, CountDownLatch startWhen) {
            Chunks chunks = new Chunks();
            try {
                // the first chunk at once, the rest once the export's session is ended
                boolean first = true;
                while (true) {
                    String size = RawDownload.line(in);
                    if (size == null) {
                        chunks.ending = "closed";
                        return chunks;
                    }
                    int length = Integer.parseInt(size.split(";")[0].trim(), 16);
                    if (length == 0) {
                        chunks.lastChunk = true;
                        RawDownload.line(in);
                        chunks.ending = in.read() < 0 ? "closed" : "open";
                        return chunks;
                    }
                    byte[] bytes = in.readNBytes(length);
                    chunks.data.write(bytes);
                    if (bytes.length < length) {
                        chunks.ending = "closed";
                        return chunks;
                    }
                    RawDownload.line(in);
                    if (first) {
                        first = false;
                        startWhen.await();
                    }
                }
            } catch (java.net.SocketTimeoutException open) {
                chunks.ending = "open";
                return chunks;
            } catch (IOException reset) {
                chunks.ending = "reset";
                return chunks;
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            }
        }
    }
}
