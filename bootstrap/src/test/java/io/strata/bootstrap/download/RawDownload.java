package io.strata.bootstrap.download;

import io.strata.bootstrap.segmentation.SegmentationApiTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A download read through a raw socket with a small receive window, so that the server's writes wait for this reader
 * (it cannot have written the file into buffers before the reader has read it) and what HTTP/1.1's chunked encoding
 * carried is seen as it is: a whole file ends with the last chunk ({@code 0} and an empty line); a cut one does not.
 * Also makes the run these tests download: a completed run with {@link #CUSTOMERS} customers and long customer ids
 * (about 7 MB of CSV, more than the server's socket buffers hold).
 */
final class RawDownload implements Closeable {

    /** The run's customers: 80,000 written into its assignments by SQL, and the two buyers of its own import. */
    static final int CUSTOMERS = 80_002;

    private final Socket socket;
    private final InputStream in;
    final String head;
    final ByteArrayOutputStream data = new ByteArrayOutputStream();
    boolean lastChunk;
    String ending;

    private RawDownload(int port, String path, String token, String accept) throws IOException {
        socket = new Socket();
        socket.setReceiveBufferSize(8 * 1024);
        socket.connect(new InetSocketAddress("localhost", port));
        socket.setSoTimeout(60_000);
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nAuthorization: Bearer " + token
                + "\r\nAccept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("the connection closed within the head: " + head);
            }
            head.write(b);
        }
        this.head = head.toString(StandardCharsets.US_ASCII);
    }

    static RawDownload start(int port, String path, String token) throws IOException {
        return new RawDownload(port, path, token, "text/csv");
    }

    /** The same, asking for {@code accept} (the deliveries' application/x-ndjson). */
    static RawDownload start(int port, String path, String token, String accept) throws IOException {
        return new RawDownload(port, path, token, accept);
    }

    /** The status of the answer's head: 200, 503. */
    int status() {
        return Integer.parseInt(head.substring(9, 12));
    }

    /** The whole body of an answer that is no streamed file (a refusal): by its Content-Length, or its chunks. */
    String wholeBody() throws IOException {
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *([0-9]+)").matcher(head);
        if (length.find()) {
            data.write(in.readNBytes(Integer.parseInt(length.group(1))));
        } else {
            readRest();
        }
        return data.toString(StandardCharsets.UTF_8);
    }

    /** Reads chunks until at least {@code bytes} of the file came (or it ended). */
    RawDownload readAtLeast(int bytes) throws IOException {
        while (ending == null && data.size() < bytes) {
            chunk();
        }
        return this;
    }

    /** Reads the rest: to the last chunk, or to the connection's end. */
    RawDownload readRest() throws IOException {
        while (ending == null) {
            chunk();
        }
        return this;
    }

    String csv() {
        return data.toString(StandardCharsets.UTF_8);
    }

    private void chunk() throws IOException {
        try {
            String size = line();
            if (size == null) {
                ending = "closed";
                return;
            }
            int length;
            try {
                length = Integer.parseInt(size.split(";")[0].trim(), 16);
            } catch (NumberFormatException framing) {
                // no chunk size where one was due: the chunked encoding was broken off, which a client's HTTP library
                // reports as a failed download ("malformed chunked encoding")
                ending = "malformed: " + size;
                return;
            }
            if (length == 0) {
                lastChunk = true;
                line();
                ending = "whole";
                return;
            }
            byte[] bytes = in.readNBytes(length);
            data.write(bytes);
            if (bytes.length < length) {
                ending = "closed";
                return;
            }
            line();
        } catch (java.net.SocketTimeoutException open) {
            ending = "open";
        } catch (IOException reset) {
            ending = "reset";
        }
    }

    private String line() throws IOException {
        return line(in);
    }

    /** One line of an HTTP/1.1 head or chunked body, without its CRLF; null at the end of the stream. */
    static String line(java.io.InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                return line.toString(StandardCharsets.US_ASCII).stripTrailing();
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /**
     * A completed run of {@link #CUSTOMERS} customers, in a base holding no run yet: two buyers imported and run through
     * the API, then 80,000 more customers (ids {@code bulk-000001-xxx…}, 64 characters, the most a customer id may have) given the same segment in the
     * run's assignments by SQL. Their ids sort before the buyers', so the file's last row is {@code m2}'s. The run's id.
     */
    static long aLargeRun(URI base, String token, JdbcClient jdbc) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        post(http, base.resolve("/api/v1/imports/orders"), token, "text/csv", """
                order_id,customer_id,ordered_at,amount
                a1,m1,2024-06-01,10
                b1,m2,2024-06-01,10
                """);
        String created = post(http, base.resolve("/api/v1/segmentations"), token, "application/json",
                "{\"name\":\"Tiers\",\"template\":\"frequency-tiers\"}");
        long segmentation = SegmentationApiTest.number(created, "id");
        post(http, base.resolve("/api/v1/segmentations/" + segmentation + "/activate"), token, "application/json", "");
        long runId = SegmentationApiTest.number(post(http, base.resolve("/api/v1/segmentation-runs?wait=true"), token, "application/json",
                "{\"asOf\":\"2024-06-30\"}"), "runId");
        org.awaitility.Awaitility.await("the run's follow-ups").atMost(java.time.Duration.ofMinutes(1))
                .until(() -> jdbc.sql("select followed_up_at is not null from segmentation_runs where run_id = ?").param(runId)
                        .query(Boolean.class).single());
        jdbc.sql("insert into customers (customer_id) select 'bulk-' || lpad(g::text, 6, '0') || '-' || repeat('x', 52) "
                + "from generate_series(1, ?) g").param(CUSTOMERS - 2).update();
        jdbc.sql("insert into run_assignments (run_id, customer_key, segment_key, r, f, m, recency_days, frequency, monetary) "
                + "select a.run_id, c.customer_key, a.segment_key, a.r, a.f, a.m, a.recency_days, a.frequency, a.monetary "
                + "from customers c, (select * from run_assignments where run_id = ? limit 1) a where c.customer_id like 'bulk-%'")
                .param(runId).update();
        assertThat(jdbc.sql("select count(*) from run_assignments where run_id = ?").param(runId).query(Long.class).single())
                .isEqualTo(CUSTOMERS);
        return runId;
    }

    private static String post(HttpClient http, URI uri, String token, String type, String body) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("%s: %s", uri, answer.body()).isBetween(200, 202);
        return answer.body();
    }
}
