package io.strata.bootstrap.imports;

import io.strata.bootstrap.EndToEndTest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.test.context.TestContextManager;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No body produces a 5xx: random bytes and valid files broken in every way a careless export or a hostile sender
 * might (bytes flipped, inserted, deleted, lines cut or repeated, quotes doubled, invalid UTF-8, NUL, huge cells,
 * impossible dates and numbers, files sent to the wrong endpoint) go to every import endpoint over real HTTP, as CSV
 * and NDJSON, strict and lenient. A strict import that does not answer 200 writes nothing.
 *
 * <p>jqwik drives the tries; the application is the one context every end-to-end test shares, taken from Spring's
 * test context cache, so this costs no second start.
 */
class ImportFuzzProperties {

    private static Application app;

    /** The shared application context, as the JUnit end-to-end tests get it. */
    static final class Application extends EndToEndTest {

        HttpResponse<String> send(String path, String contentType, byte[] body) throws Exception {
            return postBytes(path, contentType, body);
        }

        String counts() {
            return jdbc.sql("select concat_ws('/', (select count(*) from customers), (select count(*) from orders), "
                    + "(select count(*) from order_lines), (select count(*) from events), (select count(*) from attribute_catalogue), "
                    + "(select coalesce(latest_ordered_at::text, 'none') from purchase_facts_horizon))").query(String.class).single();
        }

        void empty() {
            emptyDatabase();
        }
    }

    @BeforeContainer
    static void startOrReuseTheApplication() throws Exception {
        TestContextManager manager = new TestContextManager(Application.class);
        Application instance = new Application();
        manager.prepareTestInstance(instance);
        app = instance;
        app.empty();
    }

    record Attempt(String entity, String mode, String contentType, byte[] body) {
        @Override
        public String toString() {
            String text = new String(body, StandardCharsets.UTF_8);
            return "POST /api/v1/imports/" + entity + "?mode=" + mode + " (" + contentType + ", " + body.length + " bytes): "
                    + visible(text.length() > 600 ? text.substring(0, 600) + "…" : text);
        }
    }

    @Property(tries = 1500)
    void noBodyGetsA5xxAndARefusedStrictImportWritesNothing(@ForAll("attempts") Attempt attempt) throws Exception {
        String before = attempt.mode().equals("strict") ? app.counts() : null;

        HttpResponse<String> response = app.send("/api/v1/imports/" + attempt.entity() + "?mode=" + attempt.mode(), attempt.contentType(),
                attempt.body());

        assertThat(response.statusCode()).as("%s -> %s", attempt, response.body()).isBetween(200, 499);
        if (before != null && response.statusCode() != 200) {
            assertThat(app.counts()).as("a refused strict import wrote rows: %s -> %s", attempt, response.body()).isEqualTo(before);
        }
    }

    // --- what is sent

    private static final Map<String, String> CSV = Map.of(
            "customers", """
                    customer_id,email,first_name,birth_date,signup_date,city,email_opt_in,loyalty,visits
                    F1,a@b.example,Ann,1980-01-01,2020-05-01,Riga,true,gold,3
                    F2,,,,,"Oslo, Norway",false,,
                    F3,c@d.example,"Bo \"\"B\"\"\"",1990-12-31,2021-01-01,"two
                    lines",true,silver,12.5
                    """,
            "orders", """
                    order_id,customer_id,ordered_at,amount,quantity,category,sku,channel
                    FO1,F1,2024-03-01T10:00:00Z,10.50,1,toys,S1,web
                    FO1,F1,2024-03-01T10:01:00Z,-2,1,toys,"S,2",web
                    FO2,F2,2024-03-02,5,2,,,
                    FO3,F3,2024-03-02T10:00:00+02:00,0.0001,,books,S3,shop
                    """,
            "events", """
                    customer_id,event_type,occurred_at,event_id,page,device
                    F1,page_view,2024-03-01T10:00:00Z,ev1,/home,mobile
                    F2,email_open,2024-03-02T00:00:00+02:00,,,
                    F3,cart.add,2024-03-03,ev3,"/a,b",tv
                    """);

    private static final Map<String, String> NDJSON = Map.of(
            "customers", """
                    {"customer_id":"F1","email":"a@b.example","birth_date":"1980-01-01","city":"Riga","email_opt_in":true,"loyalty":"gold"}
                    {"customer_id":"F2","city":null,"visits":12.5}
                    {"customer_id":"F3","first_name":"Bo \\"B\\"","signup_date":"2021-01-01","note":"two\\nlines"}
                    """,
            "orders", """
                    {"order_id":"FO1","customer_id":"F1","ordered_at":"2024-03-01T10:00:00Z","amount":10.5,"quantity":1,"sku":"S1"}
                    {"order_id":"FO1","customer_id":"F1","ordered_at":"2024-03-01T10:01:00Z","amount":"-2","category":"toys"}
                    {"order_id":"FO2","customer_id":"F2","ordered_at":"2024-03-02","amount":5}
                    """,
            "events", """
                    {"customer_id":"F1","event_type":"page_view","occurred_at":"2024-03-01T10:00:00Z","event_id":"ev1","properties":{"page":"/home"}}
                    {"customer_id":"F2","event_type":"email_open","occurred_at":"2024-03-02T00:00:00+02:00","properties":{"n":3,"ok":true}}
                    {"customer_id":"F3","event_type":"cart.add","occurred_at":"2024-03-03","device":"tv"}
                    """);

    /** Snippets a broken export or a hostile sender puts into a file. */
    private static final List<byte[]> SNIPPETS = snippets();

    private static List<byte[]> snippets() {
        List<byte[]> all = new ArrayList<>();
        for (String text : List.of("\u0000", "\"", "\"\"", ",", "\n", "\r", "\r\n", ";", "\t", "{", "}", "[", "]", ":", "\\", "\\u0000",
                "\\ud800", "\u0001", "\u001b", "\u007f", "\uFEFF", "é", "\uD83D\uDE00", "0000-01-01", "+10000-01-01T00:00:00Z",
                "-4000-01-01", "2999-12-31T23:59:59Z", "1899-12-31", "2024-02-30", "2024-03-01T25:00:00Z", "1e400", "-1e-400", "1e999999999", "-1E-999999999", "NaN",
                "Infinity", "-0", "99999999999999999999999", "0.000001", "1,5", "true", "null", "customer_id", "order_id",
                "ordered_at", "event_type", "occurred_at", "amount", "properties", "email", ",,,,,,,,,,,,", "x".repeat(2_500),
                "\"" + "y".repeat(70_000) + "\"", "a".repeat(70))) {
            all.add(text.getBytes(StandardCharsets.UTF_8));
        }
        all.add(new byte[]{(byte) 0xFF});
        all.add(new byte[]{(byte) 0xC3});
        all.add(new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80});
        all.add(new byte[]{(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80});
        all.add(new byte[]{(byte) 0xC0, (byte) 0xAF});
        return all;
    }

    /** One change to a body; positions are fractions of its length, so a change fits any body. */
    sealed interface Mutation {
        byte[] apply(byte[] body);
    }

    record Flip(double at, int bit) implements Mutation {
        public byte[] apply(byte[] body) {
            if (body.length == 0) {
                return body;
            }
            byte[] out = body.clone();
            int i = index(at, body.length - 1);
            out[i] = (byte) (out[i] ^ (1 << bit));
            return out;
        }
    }

    record Insert(double at, byte[] piece) implements Mutation {
        public byte[] apply(byte[] body) {
            int i = index(at, body.length);
            byte[] out = new byte[body.length + piece.length];
            System.arraycopy(body, 0, out, 0, i);
            System.arraycopy(piece, 0, out, i, piece.length);
            System.arraycopy(body, i, out, i + piece.length, body.length - i);
            return out;
        }
    }

    record Delete(double at, int length) implements Mutation {
        public byte[] apply(byte[] body) {
            int from = index(at, body.length);
            int to = Math.min(body.length, from + length);
            byte[] out = new byte[body.length - (to - from)];
            System.arraycopy(body, 0, out, 0, from);
            System.arraycopy(body, to, out, from, body.length - to);
            return out;
        }
    }

    record Cut(double at) implements Mutation {
        public byte[] apply(byte[] body) {
            return Arrays.copyOf(body, index(at, body.length));
        }
    }

    /** Repeats, drops or swaps whole lines. */
    record Lines(double at, int kind) implements Mutation {
        public byte[] apply(byte[] body) {
            List<String> lines = new ArrayList<>(List.of(new String(body, StandardCharsets.ISO_8859_1).split("\n", -1)));
            int i = index(at, lines.size() - 1);
            switch (kind) {
                case 0 -> lines.add(i, lines.get(i));
                case 1 -> lines.remove(i);
                default -> {
                    if (i + 1 < lines.size()) {
                        lines.set(i, lines.set(i + 1, lines.get(i)));
                    }
                }
            }
            return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * One cell of a data line (CSV: the n-th field; NDJSON: the n-th string value) replaced by a snippet: where bad
     * dates, numbers and control characters do their harm, past the header.
     */
    record Cell(double line, int field, byte[] piece) implements Mutation {
        public byte[] apply(byte[] body) {
            String text = new String(body, StandardCharsets.ISO_8859_1);
            String[] lines = text.split("\n", -1);
            if (lines.length < 2) {
                return body;
            }
            int i = 1 + index(line, lines.length - 2);
            String piece = new String(this.piece, StandardCharsets.ISO_8859_1);
            String target = lines[i];
            if (target.startsWith("{")) {
                java.util.regex.Matcher values = java.util.regex.Pattern.compile(":\"([^\"\\\\]*)\"").matcher(target);
                List<int[]> found = new ArrayList<>();
                while (values.find()) {
                    found.add(new int[]{values.start(1), values.end(1)});
                }
                if (found.isEmpty()) {
                    return body;
                }
                int[] at = found.get(field % found.size());
                lines[i] = target.substring(0, at[0]) + piece + target.substring(at[1]);
            } else {
                String[] cells = target.split(",", -1);
                cells[field % cells.length] = piece;
                lines[i] = String.join(",", cells);
            }
            return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    /** Every quote doubled, or every comma removed: a wholesale quoting or separator mistake. */
    record Wholesale(int kind) implements Mutation {
        public byte[] apply(byte[] body) {
            String text = new String(body, StandardCharsets.ISO_8859_1);
            String changed = switch (kind) {
                case 0 -> text.replace("\"", "\"\"");
                case 1 -> text.replace(",", ";");
                default -> text.replace("\n", "\r");
            };
            return changed.getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    private static int index(double at, int bound) {
        return Math.max(0, Math.min(bound, (int) (at * (bound + 1))));
    }

    @Provide
    Arbitrary<Attempt> attempts() {
        Arbitrary<String> entities = Arbitraries.of("customers", "orders", "events");
        Arbitrary<String> modes = Arbitraries.of("strict", "lenient");
        Arbitrary<Boolean> ndjson = Arbitraries.of(false, true);
        // uniform, not jqwik's default bias towards small numbers, which would put most changes into the header
        Arbitrary<Double> at = Arbitraries.doubles().between(0, 1).withDistribution(net.jqwik.api.RandomDistribution.uniform());
        Arbitrary<byte[]> snippet = Arbitraries.of(SNIPPETS);
        Arbitrary<Integer> field = Arbitraries.integers().between(0, 9).withDistribution(net.jqwik.api.RandomDistribution.uniform());
        Arbitrary<Mutation> mutations = Arbitraries.frequencyOf(
                Tuple.of(3, Combinators.combine(at, Arbitraries.integers().between(0, 7)).as(Flip::new)),
                Tuple.of(5, Combinators.combine(at, snippet).as(Insert::new)),
                Tuple.of(5, Combinators.combine(at, field, snippet).as(Cell::new)),
                Tuple.of(2, Combinators.combine(at, Arbitraries.integers().between(1, 12)).as(Delete::new)),
                Tuple.of(1, at.map(Cut::new)),
                Tuple.of(2, Combinators.combine(at, Arbitraries.integers().between(0, 2)).as(Lines::new)),
                Tuple.of(1, Arbitraries.integers().between(0, 2).map(Wholesale::new)));
        Arbitrary<byte[]> randomBytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<Attempt> mutated = Combinators.combine(entities, entities, modes, ndjson, mutations.list().ofMinSize(1).ofMaxSize(4),
                Arbitraries.integers().between(0, 9)).as((endpoint, seed, mode, json, changes, wrongFile) -> {
                    // now and then a valid file of another entity, as a careless user sends it
                    String source = wrongFile == 0 ? seed : endpoint;
                    byte[] body = (json ? NDJSON : CSV).get(source).getBytes(StandardCharsets.UTF_8);
                    for (Mutation change : changes) {
                        body = change.apply(body);
                    }
                    return new Attempt(endpoint, mode, json ? ImportEndToEndTest.NDJSON : ImportEndToEndTest.CSV, body);
                });
        Arbitrary<Attempt> noise = Combinators.combine(entities, modes, ndjson, randomBytes)
                .as((endpoint, mode, json, body) -> new Attempt(endpoint, mode, json ? ImportEndToEndTest.NDJSON : "text/csv; charset=utf-8", body));
        Arbitrary<Attempt> unchanged = Combinators.combine(entities, modes, ndjson).as((endpoint, mode, json) ->
                new Attempt(endpoint, mode, json ? ImportEndToEndTest.NDJSON : ImportEndToEndTest.CSV,
                        (json ? NDJSON : CSV).get(endpoint).getBytes(StandardCharsets.UTF_8)));
        return Arbitraries.frequencyOf(Tuple.of(16, mutated), Tuple.of(3, noise), Tuple.of(1, unchanged));
    }

    private static String visible(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.append(c < 0x20 && c != '\n' ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.toString();
    }
}
