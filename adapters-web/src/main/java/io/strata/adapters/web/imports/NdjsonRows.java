package io.strata.adapters.web.imports;

import io.strata.application.imports.ControlCharacters;
import io.strata.application.imports.SourceHeader;
import io.strata.application.imports.SourceRow;
import io.strata.application.imports.SourceRows;
import io.strata.application.imports.UnreadableInput;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * One JSON object per line, read line by line. Fields become columns of that row; the {@code properties} object of
 * an event is flattened into columns; JSON null is an empty cell. A line that is not a JSON object is a bad row, not a
 * bad body.
 */
final class NdjsonRows implements SourceRows {

    /**
     * A key given twice in one object is refused as request bodies refuse it ({@code StrictJson}): the tree's own check,
     * which costs nothing, since building the object already tells whether a key was there (docs/benchmarks.md, "Duplicate
     * keys in NDJSON lines"). Before, the last value was taken silently.
     */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    /** Reads a line whose keys were found given twice once more, the last value winning, for what can still be told of it. */
    private static final JsonMapper LAST_WINS = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /** A key is quoted back at most this long. */
    private static final int ECHO = 80;

    private static final int MAX_PLAIN_SCALE = 1_000;

    private final BufferedReader reader;
    private long line;
    private SourceRow next;

    NdjsonRows(Reader reader) {
        this.reader = new BufferedReader(reader, 64 * 1024);
        if (!hasNext()) {
            throw new UnreadableInput(1, null, "the body is empty; send one JSON object per line");
        }
    }

    @Override
    public Optional<SourceHeader> fixedHeader() {
        return Optional.empty();
    }

    @Override
    public boolean hasNext() {
        while (next == null) {
            String text;
            try {
                text = reader.readLine();
            } catch (IOException e) {
                String badBytes = TextBody.badBytes(e);
                if (badBytes != null) {
                    throw new UnreadableInput(line + 1, null, "line " + (line + 1) + " has " + badBytes);
                }
                throw new UnreadableInput(line + 1, null, TextBody.cutOffAt(line + 1, e));
            }
            if (text == null) {
                return false;
            }
            line++;
            if (text.isBlank()) {
                continue;
            }
            next = parse(text);
        }
        return true;
    }

    /**
     * What is wrong with a line, in the product's words: Jackson's own message ("Unexpected character ('x' (code 120))",
     * "Document nesting depth (501) exceeds the maximum allowed") was passed on before (session 49 sweep).
     */
    static String why(JacksonException e) {
        if (e instanceof StreamConstraintsException) {
            return "it nests objects and lists more than " + StreamReadConstraints.DEFAULT_MAX_DEPTH + " levels deep, or holds a number of "
                    + "more than " + StreamReadConstraints.DEFAULT_MAX_NUM_LEN + " digits or a name of more than "
                    + StreamReadConstraints.DEFAULT_MAX_NAME_LEN + " characters";
        }
        if (e instanceof UnexpectedEndOfInputException) {
            return "it ends too early (close every string, object and list on the line)";
        }
        int column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
        return "unexpected text" + (column > 0 ? " at column " + column : "") + " (check the quotes, commas and brackets there)";
    }

    private SourceRow parse(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JacksonException e) {
            String twice = duplicateKey(e);
            if (twice != null) {
                return givenTwice(text, twice);
            }
            return SourceRow.malformed(line, new SourceHeader(List.of()), "line " + line + " is not valid JSON: " + why(e)
                    + "; send one JSON object per line");
        }
        if (node == null || !node.isObject()) {
            return SourceRow.malformed(line, new SourceHeader(List.of()), "line " + line + " is not a JSON object; send one object per line");
        }
        List<String> columns = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        Map.Entry<String, JsonNode> container = null;
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (field.getKey().equals("properties") && field.getValue().isObject()) {
                for (Map.Entry<String, JsonNode> property : field.getValue().properties()) {
                    columns.add(property.getKey());
                    cells.add(text(property.getValue()));
                }
            } else if (field.getValue().isContainer()) {
                // a field of the record itself is one value; an array or object there is a mistake, not text to store
                container = container == null ? field : container;
            } else {
                columns.add(field.getKey());
                cells.add(text(field.getValue()));
            }
        }
        if (container != null) {
            return containerAt(container, columns, cells);
        }
        try {
            return new SourceRow(line, new SourceHeader(columns), cells.toArray(String[]::new));
        } catch (UnreadableInput refusedName) {
            String clash = firstRepeated(columns);
            if (clash != null) {
                // a property named like a field of the line: both would be columns of one row ("the header names column
                // 'x' twice" was said before, of a file that has no header)
                return SourceRow.malformedAt(line, new SourceHeader(List.of()), new String[0], clash, "line " + line + " gives "
                        + shown(clash) + " twice, as a field and in properties; give it once (rename the property)");
            }
            return SourceRow.malformed(line, new SourceHeader(List.of()), "line " + line + ": " + refusedName.getMessage());
        }
    }

    /**
     * The path of the key given twice ({@code customer_id}, {@code properties.device}) when that is why the line was
     * refused, else null: told by where Jackson threw (the tree's check of a key already there), not by its wording. The
     * parser's context then still names the key, whether its value was a scalar or a container.
     */
    static String duplicateKey(JacksonException e) {
        boolean fromTheCheck = false;
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getMethodName().equals("_handleDuplicateProperty")) {
                fromTheCheck = true;
                break;
            }
        }
        if (!fromTheCheck || !(e.processor() instanceof JsonParser parser) || parser.streamReadContext() == null) {
            return null;
        }
        java.util.Deque<String> steps = new java.util.ArrayDeque<>();
        TokenStreamContext innermost = parser.streamReadContext();
        if (innermost.inObject() ? innermost.currentName() == null : innermost.inArray() && innermost.getEntryCount() == 0) {
            // the value given twice is an object or a list: the tree adds it to its parent as it begins
            innermost = innermost.getParent();
        }
        for (TokenStreamContext context = innermost; context != null && !context.inRoot(); context = context.getParent()) {
            if (context.inObject()) {
                steps.push(String.valueOf(context.currentName()));
            } else {
                steps.push("[" + context.getCurrentIndex() + "]");
            }
        }
        return String.join(".", steps).replace(".[", "[");
    }

    /**
     * A line with a key given twice: refused whole (which of its values was meant cannot be told), at that key. The line
     * is read once more with the last value winning, without the doubled field, so that an order line's order is still
     * known and left out whole in lenient mode (unless order_id is the key given twice).
     */
    private SourceRow givenTwice(String text, String path) {
        String problem = "line " + line + " gives " + shown(path) + " twice; give each " + (path.startsWith("properties.") ? "property" : "field")
                + " once (Strata cannot tell which of the two values is meant)";
        List<String> columns = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        try {
            JsonNode node = LAST_WINS.readTree(text);
            String doubled = path.contains(".") || path.contains("[") ? null : path;
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (!field.getKey().equals(doubled) && !field.getValue().isContainer() && !columns.contains(field.getKey())) {
                    columns.add(field.getKey());
                    cells.add(text(field.getValue()));
                }
            }
            return SourceRow.malformedAt(line, new SourceHeader(columns), cells.toArray(String[]::new), path, problem);
        } catch (JacksonException | UnreadableInput unreadable) {
            return SourceRow.malformedAt(line, new SourceHeader(List.of()), new String[0], path, problem);
        }
    }

    /**
     * A line with an array or object as a field's value: an error of the line at that field, with the contract's
     * {@code column} (the key; it was null before session 51, though the message named it), and the other fields that
     * could be read, so that an order line's order is still left out whole.
     */
    private SourceRow containerAt(Map.Entry<String, JsonNode> field, List<String> columns, List<String> cells) {
        String problem = "line " + line + ": '" + ControlCharacters.visible(field.getKey()) + "' is "
                + (field.getValue().isArray() ? "an array" : "an object")
                + "; give a string, a number, true, false or null (only \"properties\" of an event holds an object)";
        try {
            return SourceRow.malformedAt(line, new SourceHeader(columns), cells.toArray(String[]::new), field.getKey(), problem);
        } catch (UnreadableInput refusedName) {
            return SourceRow.malformedAt(line, new SourceHeader(List.of()), new String[0], field.getKey(), problem);
        }
    }

    private static String firstRepeated(List<String> columns) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String column : columns) {
            if (!seen.add(column)) {
                return column;
            }
        }
        return null;
    }

    private static String shown(String key) {
        return io.strata.application.imports.Excerpt.of(ControlCharacters.visible(key), ECHO);
    }

    private static String text(JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        if (value.isString()) {
            return value.stringValue();
        }
        if (value.isNumber()) {
            java.math.BigDecimal number = value.decimalValue();
            // written out, 1e999999999 is a billion digits: a number that far from 1 keeps its exponent (and is refused
            // by whichever column reads it as a decimal)
            return Math.abs((long) number.scale()) > MAX_PLAIN_SCALE ? number.toString() : number.toPlainString();
        }
        if (value.isBoolean()) {
            return value.asString();
        }
        return value.toString();
    }

    @Override
    public SourceRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        SourceRow row = next;
        next = null;
        return row;
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException ignored) {
            // the request is over either way
        }
    }
}
