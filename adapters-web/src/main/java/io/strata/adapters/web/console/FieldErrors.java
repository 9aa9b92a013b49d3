package io.strata.adapters.web.console;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What was wrong with a submitted form, each message under the name of the field it belongs to (the form's input
 * names, which are the domain's field names), so the page can show it next to that field. The first message per
 * field is kept.
 */
public final class FieldErrors {

    /** Messages of the application's commands that begin with the field they are about: {@code 'password' must have ...}. */
    private static final Pattern LEADING_FIELD = Pattern.compile("^'([A-Za-z][A-Za-z0-9_.]*)'");

    private final Map<String, String> messages = new LinkedHashMap<>();

    public FieldErrors add(String field, String message) {
        messages.putIfAbsent(field, message);
        return this;
    }

    public static FieldErrors of(String field, String message) {
        return new FieldErrors().add(field, message);
    }

    /** The field a message names at its start, in quotes, as the application's commands write them; empty when it names none. */
    public static Optional<String> fieldNamedBy(String message) {
        if (message == null) {
            return Optional.empty();
        }
        Matcher m = LEADING_FIELD.matcher(message);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    public boolean isEmpty() {
        return messages.isEmpty();
    }

    public boolean has(String field) {
        return messages.containsKey(field);
    }

    /** The message as the console shows it, in the planner's words ({@link PlannerWords}); {@link #inOrder} keeps the API's. */
    public String message(String field) {
        return PlannerWords.say(messages.get(field));
    }

    /** The id of the element showing a field's message; {@code actions[0].content} gives {@code error-actions-0-content}. */
    public String id(String field) {
        return "error-" + field.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-$", "");
    }

    /** For {@code aria-describedby}: the message's id when the field has one, else nothing (Thymeleaf drops the attribute). */
    public String describedBy(String field) {
        return has(field) ? id(field) : null;
    }

    /** For {@code aria-invalid}. */
    public String invalid(String field) {
        return has(field) ? "true" : null;
    }

    public Map<String, String> all() {
        return Map.copyOf(messages);
    }

    /** Every message by field, in the order they were found. */
    public Map<String, String> inOrder() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(messages));
    }
}
