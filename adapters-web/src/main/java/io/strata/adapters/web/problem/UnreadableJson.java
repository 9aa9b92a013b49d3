package io.strata.adapters.web.problem;

import io.strata.application.imports.Excerpt;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

import java.util.List;

/**
 * A JSON request body that could not be read, told in the product's words: where (line, column and the field's path,
 * as Jackson found them) and what to send instead. Jackson's and Spring's own messages name Java types and tokens, so
 * none of their text is passed on.
 */
final class UnreadableJson {

    /** Jackson's default limit of nesting (StreamReadConstraints), which the application does not change. */
    static final int MAX_DEPTH = tools.jackson.core.StreamReadConstraints.DEFAULT_MAX_DEPTH;
    static final int MAX_NUMBER_LENGTH = tools.jackson.core.StreamReadConstraints.DEFAULT_MAX_NUM_LEN;
    static final int MAX_NAME_LENGTH = tools.jackson.core.StreamReadConstraints.DEFAULT_MAX_NAME_LEN;

    /** A value is quoted back at most this long. */
    private static final int ECHO = 100;

    private UnreadableJson() {
    }

    static ProblemDetail problem(HttpMessageNotReadableException e) {
        JacksonException json = jacksonCause(e);
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
        problem.setTitle("The body cannot be read");
        if (json == null || isEmptyBody(json)) {
            problem.setDetail("The request has no body; send a JSON object with Content-Type: application/json.");
            return problem;
        }
        String field = fieldPath(json.getPath());
        if (json instanceof StreamConstraintsException) {
            // a limit of the parser (10,000 levels of [ or {, a number of thousands of digits): it stopped there, at no error
            // of syntax, so "unexpected text" would send the reader looking for a typo
            problem.setDetail("The body is larger than any call of this API takes: objects and lists nested more than " + MAX_DEPTH
                    + " levels deep, a number of more than " + MAX_NUMBER_LENGTH + " digits or a field name of more than " + MAX_NAME_LENGTH
                    + " characters; send the JSON object the call documents (/v3/api-docs).");
            return problem;
        }
        String duplicate = duplicateName(json);
        if (duplicate != null) {
            problem.setProperty("field", duplicate);
            TokenStreamLocation after = json.getLocation();
            String end = "";
            if (after != null && after.getLineNr() > 0 && after.getColumnNr() > 1) {
                // the parser stands just past the second name's closing quote
                problem.setProperty("line", after.getLineNr());
                problem.setProperty("column", after.getColumnNr() - 1);
                end = " (the second one ends at line " + after.getLineNr() + ", column " + (after.getColumnNr() - 1) + ")";
            }
            problem.setDetail(duplicate + " is given twice in one object" + end + "; give each field once.");
            return problem;
        }
        // a value of the wrong kind under a known field: the parser may stand past it (the end of a number, inside a list
        // given for a date), so only the start of a value it stands on is told; otherwise the field alone says where
        boolean ofAField = !field.isEmpty() && (json instanceof MismatchedInputException || json instanceof InputCoercionException);
        String at = where(problem, ofAField ? valueStart(json) : json.getLocation());
        if (!field.isEmpty()) {
            problem.setProperty("field", field);
        }
        problem.setDetail(detail(json, field, at));
        return problem;
    }

    /**
     * The path of a field name given twice in one object ({@link StrictJson} has the parser refuse that), or null for any
     * other error: told by where the parser threw (its check of the names of an object), not by its wording.
     */
    static String duplicateName(JacksonException json) {
        boolean fromTheCheck = java.util.Arrays.stream(json.getStackTrace()).anyMatch(frame ->
                frame.getClassName().equals(tools.jackson.core.json.JsonReadContext.class.getName()) && frame.getMethodName().equals("_checkDup"));
        if (!fromTheCheck || !(json.processor() instanceof JsonParser parser) || parser.streamReadContext() == null) {
            return null;
        }
        java.util.Deque<String> steps = new java.util.ArrayDeque<>();
        for (TokenStreamContext context = parser.streamReadContext(); context != null && !context.inRoot(); context = context.getParent()) {
            if (context.inObject()) {
                steps.push((context.getParent() == null || context.getParent().inRoot() ? "" : ".") + Excerpt.of(String.valueOf(context.currentName()), ECHO));
            } else {
                steps.push("[" + context.getCurrentIndex() + "]");
            }
        }
        return String.join("", steps);
    }

    /**
     * Where the offending value begins, when the parser still stands on that value: its context is still the object (or
     * list) that holds the field, so the start of its current token is the value's start (a number out of range, text
     * where a number belongs). Null when it went into the value (a list given for a date) or past it. The parser is
     * closed by then and has forgotten its token, but not its context and the token's place.
     */
    static TokenStreamLocation valueStart(JacksonException json) {
        if (!(json.processor() instanceof JsonParser parser) || json.getPath().isEmpty() || parser.streamReadContext() == null) {
            return null;
        }
        JacksonException.Reference last = json.getPath().get(json.getPath().size() - 1);
        TokenStreamContext context = parser.streamReadContext();
        boolean onIt = last.getPropertyName() != null
                ? context.inObject() && last.getPropertyName().equals(context.currentName())
                : context.inArray() && context.getCurrentIndex() == last.getIndex();
        return onIt ? parser.currentTokenLocation() : null;
    }

    private static String detail(JacksonException json, String field, String at) {
        if (json instanceof InvalidFormatException invalid && !field.isEmpty()) {
            return field + " is " + quoted(invalid.getValue()) + ", which is not " + expected(invalid.getTargetType()) + at
                    + "; give " + expected(invalid.getTargetType()) + ".";
        }
        if (json instanceof MismatchedInputException mismatch) {
            String wanted = expected(mismatch.getTargetType());
            return field.isEmpty()
                    ? "The body is not what this call takes" + at + "; send " + wanted + "."
                    : at.isEmpty() ? "The value of " + field + " is of the wrong kind; give " + wanted + "."
                    : field + " has a value of the wrong kind" + at + "; give " + wanted + ".";
        }
        if (json instanceof InputCoercionException coercion) {
            return (field.isEmpty() ? "A number" : field) + " is out of range" + at + "; give " + expected(coercion.getTargetType()) + ".";
        }
        if (json instanceof UnexpectedEndOfInputException) {
            return "The body is not valid JSON: it ends too early" + at + "; close every string, object and list.";
        }
        return "The body is not valid JSON: unexpected text" + at + "; check the quotes, commas and brackets there.";
    }

    private static JacksonException jacksonCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException json) {
                return json;
            }
        }
        return null;
    }

    /** Jackson reports a body of only white space as a mismatch at the very start. */
    private static boolean isEmptyBody(JacksonException json) {
        return json instanceof MismatchedInputException && json.getPath().isEmpty() && json.getOriginalMessage() != null
                && json.getOriginalMessage().startsWith("No content to map");
    }

    private static String where(ProblemDetail problem, TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        problem.setProperty("line", location.getLineNr());
        if (location.getColumnNr() < 1) {
            return " at line " + location.getLineNr();
        }
        problem.setProperty("column", location.getColumnNr());
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** {@code actions[0].channel}: the path the API's other problems name in {@code field}. */
    static String fieldPath(List<JacksonException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference step : path) {
            if (step.getPropertyName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(Excerpt.of(step.getPropertyName(), ECHO));
            } else if (step.getIndex() >= 0) {
                field.append('[').append(step.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    private static String quoted(Object value) {
        return value == null ? "null" : "'" + Excerpt.of(String.valueOf(value), ECHO) + "'";
    }

    /** What a value of this Java type is called in the API's words. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "a value of the documented kind (see /v3/api-docs)";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(String::valueOf).toList();
        }
        return switch (type.getSimpleName()) {
            case "String", "CharSequence" -> "text in quotes";
            case "int", "Integer", "short", "Short" -> "a whole number up to " + Integer.MAX_VALUE;
            case "long", "Long", "BigInteger" -> "a whole number up to " + Long.MAX_VALUE;
            case "double", "Double", "float", "Float", "BigDecimal", "Number" -> "a number";
            case "boolean", "Boolean" -> "true or false";
            case "LocalDate" -> "a date like 2030-01-31";
            case "OffsetDateTime", "Instant", "ZonedDateTime", "LocalDateTime" -> "a date-time with offset like 2030-01-31T18:00:00Z";
            case "UUID" -> "an id like 123e4567-e89b-12d3-a456-426614174000";
            default -> type.isArray() || java.util.Collection.class.isAssignableFrom(type) ? "a list [...]" : "a JSON object {...}";
        };
    }
}
