package io.strata.adapters.web.imports;

import io.strata.application.imports.ControlCharacters;
import io.strata.application.imports.SourceHeader;
import io.strata.application.imports.SourceRow;
import io.strata.application.imports.SourceRows;
import io.strata.application.imports.UnreadableInput;
import tools.jackson.core.JacksonException;
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

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

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
                if (Utf8Body.isEncodingError(e)) {
                    throw new UnreadableInput(line + 1, null, "line " + (line + 1)
                            + " has bytes that are not UTF-8; save the file as UTF-8 and send it again");
                }
                throw new UnreadableInput(line + 1, null, "the body could not be read: " + e.getMessage());
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
            return SourceRow.malformed(line, new SourceHeader(List.of()), "line " + line + " is not valid JSON: " + why(e)
                    + "; send one JSON object per line");
        }
        if (node == null || !node.isObject()) {
            return SourceRow.malformed(line, new SourceHeader(List.of()), "line " + line + " is not a JSON object; send one object per line");
        }
        List<String> columns = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (field.getKey().equals("properties") && field.getValue().isObject()) {
                for (Map.Entry<String, JsonNode> property : field.getValue().properties()) {
                    columns.add(property.getKey());
                    cells.add(text(property.getValue()));
                }
            } else if (field.getValue().isContainer()) {
                // a field of the record itself is one value; an array or object there is a mistake, not text to store
                return SourceRow.malformed(line, new SourceHeader(List.of()), "line " + line + ": '"
                        + ControlCharacters.visible(field.getKey()) + "' is " + (field.getValue().isArray() ? "an array" : "an object")
                        + "; give a string, a number, true, false or null (only \"properties\" of an event holds an object)");
            } else {
                columns.add(field.getKey());
                cells.add(text(field.getValue()));
            }
        }
        try {
            return new SourceRow(line, new SourceHeader(columns), cells.toArray(String[]::new));
        } catch (UnreadableInput duplicate) {
            return SourceRow.malformed(line, new SourceHeader(List.of()), "line " + line + ": " + duplicate.getMessage());
        }
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
