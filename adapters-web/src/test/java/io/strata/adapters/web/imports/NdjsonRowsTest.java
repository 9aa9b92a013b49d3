package io.strata.adapters.web.imports;

import io.strata.application.imports.SourceRow;
import io.strata.application.imports.UnreadableInput;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** NDJSON import bodies: each object read back as its fields, on the line it was written on. */
class NdjsonRowsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One line of the body: an object, or a blank line (blank lines are skipped but still counted). */
    record Line(Map<String, Object> object) {
    }

    @Property(tries = 300)
    void objectsWrittenOnePerLineReadBackAsTheSameValuesWithTheirLineNumbers(@ForAll("lines") List<Line> lines) {
        StringBuilder body = new StringBuilder();
        for (Line line : lines) {
            body.append(line.object() == null ? "  " : JSON.writeValueAsString(line.object())).append('\n');
        }

        List<SourceRow> read = readAll(body.toString());

        List<Long> expectedLines = new ArrayList<>();
        List<Map<String, String>> expectedRows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Map<String, Object> object = lines.get(i).object();
            if (object != null) {
                expectedLines.add(i + 1L);
                Map<String, String> cells = new LinkedHashMap<>();
                object.forEach((key, value) -> cells.put(key, value == null ? "" : value.toString()));
                expectedRows.add(cells);
            }
        }
        assertThat(read).extracting(SourceRow::line).isEqualTo(expectedLines);
        for (int i = 0; i < read.size(); i++) {
            SourceRow row = read.get(i);
            assertThat(row.problem()).isNull();
            assertThat(row.header().columns()).isEqualTo(List.copyOf(expectedRows.get(i).keySet()));
            assertThat(Arrays.asList(row.cells())).isEqualTo(List.copyOf(expectedRows.get(i).values()));
        }
    }

    @Provide
    Arbitrary<List<Line>> lines() {
        Arbitrary<Object> value = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(10).filter(NdjsonRowsTest::noLoneSurrogate).map(s -> (Object) s),
                Arbitraries.strings().withChars("\"\\\r\n,{}é😀 ").ofMaxLength(6).map(s -> (Object) s),
                Arbitraries.longs().map(n -> (Object) n),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null));
        Arbitrary<String> key = Arbitraries.strings().withChars("abcxyz_é").ofMinLength(1).ofMaxLength(6)
                .filter(k -> !k.equals("properties"));
        Arbitrary<Map<String, Object>> object = Combinators.combine(key.list().uniqueElements().ofMinSize(1).ofMaxSize(5),
                        value.list().ofSize(5))
                .as((keys, values) -> {
                    Map<String, Object> fields = new LinkedHashMap<>();
                    for (int i = 0; i < keys.size(); i++) {
                        fields.put(keys.get(i), values.get(i));
                    }
                    return fields;
                });
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(5, object.map(Line::new)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(new Line(null))))
                .list().ofMaxSize(10)
                .filter(list -> list.stream().anyMatch(line -> line.object() != null));
    }

    @Test
    void theFieldsOfAnEventsPropertiesBecomeColumnsOfItsRow() {
        SourceRow row = readAll("{\"customerId\":\"c1\",\"properties\":{\"page\":\"/home\",\"ms\":12.50}}\n").get(0);

        assertThat(row.header().columns()).containsExactly("customerId", "page", "ms");
        assertThat(row.cells()).containsExactly("c1", "/home", "12.50");
    }

    @Test
    void aLineThatIsNotAnObjectIsARowProblemAndLaterLinesAreStillRead() {
        List<SourceRow> rows = readAll("[1,2]\n{\"a\":\"1\"}\n{\"a\":\n\"text\"\n");

        assertThat(rows).extracting(SourceRow::line).containsExactly(1L, 2L, 3L, 4L);
        assertThat(rows.get(0).problem()).isEqualTo("line 1 is not a JSON object; send one object per line");
        assertThat(rows.get(1).problem()).isNull();
        assertThat(rows.get(2).problem()).isEqualTo("line 3 is not valid JSON: it ends too early (close every string, object and list "
                + "on the line); send one JSON object per line");
        assertThat(rows.get(3).problem()).isEqualTo("line 4 is not a JSON object; send one object per line");
    }

    /** Jackson's own words ("Unexpected character ('x' (code 120))", "Document nesting depth (501)") were the row's message. */
    @Test
    void aLineThatIsNotJsonIsToldInTheProductsWords() {
        List<SourceRow> rows = readAll("{\"a\":1 \"b\":2}\n{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}\n");

        assertThat(rows.get(0).problem()).isEqualTo("line 1 is not valid JSON: unexpected text at column 8 (check the quotes, commas and "
                + "brackets there); send one JSON object per line");
        assertThat(rows.get(1).problem()).isEqualTo("line 2 is not valid JSON: it nests objects and lists more than 500 levels deep, or "
                + "holds a number of more than 1000 digits or a name of more than 50000 characters; send one JSON object per line");
    }

    /** The last value was taken silently before session 50, as Jackson's tree does by default. */
    @Test
    void aKeyGivenTwiceAnywhereOnALineIsARowProblemAtThatKey() {
        List<SourceRow> rows = readAll("""
                {"customer_id":"C1","customer_id":"C2","city":"Riga"}
                {"customer_id":"C1","properties":{"device":"tv","device":"web"}}
                {"customer_id":"C1","properties":{"cart":[{"sku":"A"},{"sku":"B","sku":"C"}]}}
                {"customer_id":"C1","properties":{"x":1},"properties":{"x":1}}
                {"customer_id":"C1","properties":{"tags":["a"],"tags":["b"]}}
                {"customer_id":"C1","properties":{"tags":[],"tags":[]}}
                {"customer_id":"C1","city":"Riga"}
                """);

        assertThat(rows).extracting(SourceRow::problemColumn).containsExactly("customer_id", "properties.device", "properties.cart[1].sku",
                "properties", "properties.tags", "properties.tags", null);
        assertThat(rows.get(0).problem()).isEqualTo("line 1 gives customer_id twice; give each field once (Strata cannot tell which of "
                + "the two values is meant)");
        assertThat(rows.get(1).problem()).isEqualTo("line 2 gives properties.device twice; give each property once (Strata cannot tell "
                + "which of the two values is meant)");
        // what can still be told of the line, for its order: every field but the doubled one
        assertThat(rows.get(0).get("customer_id")).isNull();
        assertThat(rows.get(0).get("city")).isEqualTo("Riga");
        assertThat(rows.get(1).get("customer_id")).isEqualTo("C1");
        assertThat(rows.get(6).problem()).isNull();
    }

    @Test
    void aPropertyNamedLikeAFieldOfTheLineIsARowProblemInTheWordsOfNdjson() {
        List<SourceRow> rows = readAll("{\"customer_id\":\"C1\",\"properties\":{\"customer_id\":\"C9\"}}\n");

        assertThat(rows.get(0).problemColumn()).isEqualTo("customer_id");
        assertThat(rows.get(0).problem()).isEqualTo("line 1 gives customer_id twice, as a field and in properties; give it once "
                + "(rename the property)");
    }

    @Test
    void aBodyOfBlankLinesIsEmpty() {
        assertThatThrownBy(() -> readAll("\n  \n")).isInstanceOf(UnreadableInput.class)
                .hasMessage("the body is empty; send one JSON object per line");
    }

    private static boolean noLoneSurrogate(String s) {
        return s.codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF);
    }

    static List<SourceRow> readAll(String body) {
        List<SourceRow> rows = new ArrayList<>();
        try (NdjsonRows ndjson = new NdjsonRows(new StringReader(body))) {
            ndjson.forEachRemaining(rows::add);
        }
        return rows;
    }
}
