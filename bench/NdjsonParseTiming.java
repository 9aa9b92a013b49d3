import io.strata.adapters.web.imports.ImportBodies;
import io.strata.application.imports.SourceRow;
import io.strata.application.imports.SourceRows;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What duplicate-key detection costs when NDJSON import lines are parsed (docs/benchmarks.md, "Duplicate keys in NDJSON
 * lines"): the parse alone, no HTTP and no database. Generates events.ndjson and customers.ndjson (fixed seed) under DIR,
 * then times, per file, Jackson's tree without a check (as before), with the parser's check (STRICT_DUPLICATE_DETECTION)
 * and with the tree's own check (FAIL_ON_READING_DUP_TREE_KEY), and the import's own reader (ImportBodies.ndjson) of the
 * class path. Median of 5 passes after 2 warm-up passes; -Donly=a,b runs the
 * variants whose names hold one of those words.
 *
 *   java -Xmx512m -cp <adapters-web, application, domain classes, jackson jars> bench/NdjsonParseTiming.java DIR [LINES]
 */
public class NdjsonParseTiming {

    interface Pass {
        long run(Path file) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int lines = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        Files.createDirectories(dir);
        Path events = dir.resolve("events.ndjson");
        Path customers = dir.resolve("customers.ndjson");
        if (!Files.exists(events)) {
            generate(events, customers, lines);
        }
        JsonMapper plain = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
        JsonMapper parserCheck = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        JsonMapper treeCheck = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY).build();
        Map<String, Pass> passes = new java.util.LinkedHashMap<>();
        passes.put("tree, no check (before)", file -> tree(plain, file));
        passes.put("tree + STRICT_DUPLICATE_DETECTION", file -> tree(parserCheck, file));
        passes.put("tree + FAIL_ON_READING_DUP_TREE_KEY", file -> tree(treeCheck, file));
        passes.put("ImportBodies.ndjson (class path's)", NdjsonParseTiming::importReader);
        String only = System.getProperty("only", "");
        passes.keySet().removeIf(name -> !only.isEmpty() && java.util.Arrays.stream(only.split(",")).noneMatch(name::contains));
        for (Path file : List.of(events, customers)) {
            System.out.printf("%s: %,d bytes%n", file.getFileName(), Files.size(file));
            for (Map.Entry<String, Pass> pass : passes.entrySet()) {
                long rows = 0;
                for (int i = 0; i < 2; i++) {
                    rows = pass.getValue().run(file);
                }
                long[] millis = new long[5];
                for (int i = 0; i < millis.length; i++) {
                    long start = System.nanoTime();
                    pass.getValue().run(file);
                    millis[i] = (System.nanoTime() - start) / 1_000_000;
                }
                Arrays.sort(millis);
                System.out.printf("  %-38s median %,6d ms (min %,d, max %,d) for %,d rows = %,.0f rows/s%n", pass.getKey(), millis[2],
                        millis[0], millis[4], rows, rows * 1000.0 / millis[2]);
            }
        }
    }

    /** What NdjsonRows does with a line: the tree, then its fields (and an event's properties) as text cells. */
    static long tree(JsonMapper json, Path file) throws Exception {
        long rows = 0;
        long cells = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                JsonNode node = json.readTree(line);
                List<String> columns = new ArrayList<>();
                List<String> values = new ArrayList<>();
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    if (field.getKey().equals("properties") && field.getValue().isObject()) {
                        for (Map.Entry<String, JsonNode> property : field.getValue().properties()) {
                            columns.add(property.getKey());
                            values.add(property.getValue().isString() ? property.getValue().stringValue() : property.getValue().toString());
                        }
                    } else {
                        columns.add(field.getKey());
                        values.add(field.getValue().isString() ? field.getValue().stringValue() : field.getValue().toString());
                    }
                }
                cells += values.size();
                rows++;
            }
        }
        return cells > 0 ? rows : -1;
    }

    static long importReader(Path file) throws Exception {
        long rows = 0;
        try (InputStream in = Files.newInputStream(file); SourceRows read = ImportBodies.ndjson(in, java.nio.charset.StandardCharsets.UTF_8, Long.MAX_VALUE)) {
            while (read.hasNext()) {
                SourceRow row = read.next();
                if (row.problem() != null) {
                    throw new AssertionError(row.problem());
                }
                rows++;
            }
        }
        return rows;
    }

    static void generate(Path events, Path customers, int lines) throws Exception {
        Random random = new Random(19);
        String[] pages = {"/home", "/product/123", "/cart", "/checkout", "/search?q=shoes", "/account"};
        String[] devices = {"web", "ios", "android", "smart_tv"};
        String[] cities = {"Riga", "Oslo", "Paris", "Lisbon", "Tallinn", "Vilnius"};
        try (BufferedWriter out = Files.newBufferedWriter(events, StandardCharsets.UTF_8)) {
            for (int i = 0; i < lines; i++) {
                out.write("{\"customer_id\":\"C" + random.nextInt(200_000) + "\",\"event_type\":\"page_view\",\"occurred_at\":\"2026-11-"
                        + String.format("%02d", 1 + random.nextInt(28)) + "T" + String.format("%02d:%02d:%02d", random.nextInt(24),
                        random.nextInt(60), random.nextInt(60)) + "Z\",\"event_id\":\"ev-" + i + "\",\"properties\":{\"page\":\""
                        + pages[random.nextInt(pages.length)] + "\",\"device\":\"" + devices[random.nextInt(devices.length)]
                        + "\",\"duration_ms\":" + random.nextInt(90_000) + ",\"referrer\":\"https://example.com/ref/" + random.nextInt(1000) + "\"}}\n");
            }
        }
        try (BufferedWriter out = Files.newBufferedWriter(customers, StandardCharsets.UTF_8)) {
            for (int i = 0; i < lines; i++) {
                out.write("{\"customer_id\":\"C" + i + "\",\"email\":\"c" + i + "@example.com\",\"first_name\":\"Anna\",\"last_name\":\"Berzina\","
                        + "\"city\":\"" + cities[random.nextInt(cities.length)] + "\",\"country\":\"LV\",\"signup_date\":\"2024-0"
                        + (1 + random.nextInt(9)) + "-1" + random.nextInt(10) + "\",\"email_opt_in\":" + random.nextBoolean()
                        + ",\"loyalty_points\":" + random.nextInt(10_000) + "}\n");
            }
        }
    }
}
