package io.strata.domain.rule;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a planner may type next where the cursor is: the word being typed and the names of the catalogue that complete
 * it in that place. Inside {@code events "…"} event types are offered, after {@code events "type".} that type's
 * properties, after {@code orders.} and in an orders aggregate's {@code where} the order line fields, in an events
 * aggregate's {@code where} the event's properties, elsewhere customer fields and aggregate openings.
 */
public final class RuleCompletion {

    private static final Pattern EVENT_TYPE = Pattern.compile("events\\s+\"([a-z0-9_.]*)$");
    private static final Pattern EVENT_PROPERTY = Pattern.compile("events\\s+\"([a-z0-9_.]+)\"\\.([A-Za-z0-9_]*)$");
    private static final Pattern LINE_FIELD = Pattern.compile("orders\\.([A-Za-z0-9_]*)$");
    private static final Pattern AGGREGATE_OPENING = Pattern.compile("(?i)(count|sum|avg|distinct)\\s*$");
    private static final Pattern EVENTS_SOURCE = Pattern.compile("^\\s*events\\s+\"([a-z0-9_.]+)\"");
    private static final Pattern WHERE = Pattern.compile("(?i)\\swhere\\s");
    private static final int MAX_SUGGESTIONS = 8;
    /** A field compared with a text being typed: {@code city = "Ri}, {@code category != "}, {@code city in ("Riga", "Ta}. */
    private static final Pattern TEXT_VALUE = Pattern.compile(
            "(`[^`]+`|[A-Za-z_][A-Za-z0-9_]*)\\s*(?:=|!=|(?i:starts_with|contains)|(?i:(?:not\\s+)?in)\\s*\\((?:\\s*\"(?:[^\"\\\\]|\\\\.)*\"\\s*,)*)\\s*\"((?:[^\"\\\\]|\\\\.)*)$");

    /** The word before the cursor (to be replaced) and what may replace it. */
    public record Suggestions(String prefix, List<String> names) {
        public Suggestions {
            names = List.copyOf(names);
        }

        static Suggestions none() {
            return new Suggestions("", List.of());
        }
    }

    private RuleCompletion() {
    }

    public static Suggestions at(FieldCatalogue catalogue, String beforeCursor) {
        String text = beforeCursor == null ? "" : beforeCursor;
        Matcher m = EVENT_TYPE.matcher(text);
        if (m.find()) {
            return suggest(m.group(1), catalogue.completeEventTypes(m.group(1)));
        }
        m = EVENT_PROPERTY.matcher(text);
        if (m.find()) {
            return suggest(m.group(2), catalogue.completeEventProperties(m.group(1), m.group(2)));
        }
        m = LINE_FIELD.matcher(text);
        if (m.find()) {
            return suggest(m.group(1), catalogue.completeOrderLineFields(m.group(1)));
        }
        int start = text.length();
        while (start > 0 && (Character.isLetterOrDigit(text.charAt(start - 1)) || text.charAt(start - 1) == '_')) {
            start--;
        }
        String prefix = text.substring(start);
        if (prefix.isEmpty() || insideString(text)) {
            return Suggestions.none();
        }
        int open = innermostOpenParenthesis(text.substring(0, start));
        if (open >= 0 && AGGREGATE_OPENING.matcher(text.substring(0, open)).find()) {
            String inside = text.substring(open + 1, start);
            if (WHERE.matcher(inside).find()) {
                Matcher events = EVENTS_SOURCE.matcher(inside);
                if (events.find()) {
                    return suggest(prefix, catalogue.completeEventProperties(events.group(1), prefix));
                }
                if (inside.stripLeading().startsWith("orders")) {
                    return suggest(prefix, catalogue.completeOrderLineFields(prefix));
                }
            }
        }
        return suggest(prefix, catalogue.complete(prefix));
    }

    /** A text value being typed where the cursor is, and what of it is typed as written (escapes included). */
    public record ValueAt(ValueSlot slot, String typed) {
    }

    /** The value slot the cursor is in, if any: an event type inside {@code events "…"}, or a text compared with a field. */
    public static Optional<ValueAt> valueAt(FieldCatalogue catalogue, String beforeCursor) {
        String text = beforeCursor == null ? "" : beforeCursor;
        Matcher m = EVENT_TYPE.matcher(text);
        if (m.find()) {
            return Optional.of(new ValueAt(new ValueSlot(ValueSlot.Kind.EVENT_TYPE, "event_type", null, m.group(1)), m.group(1)));
        }
        if (!insideString(text)) {
            return Optional.empty();
        }
        m = TEXT_VALUE.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        String name = m.group(1).startsWith("`") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
        String typed = m.group(2);
        String unescaped = typed.replaceAll("\\\\(.)", "$1");
        return ValueSlot.of(catalogue, name, scopeAt(text.substring(0, m.start())), unescaped).map(slot -> new ValueAt(slot, typed));
    }

    /** The source whose fields a name at the end of the text refers to: null at customer level. */
    private static Source scopeAt(String text) {
        int open = innermostOpenParenthesis(text);
        if (open < 0 || !AGGREGATE_OPENING.matcher(text.substring(0, open)).find()) {
            return null;
        }
        String inside = text.substring(open + 1);
        if (!WHERE.matcher(inside).find()) {
            return null;
        }
        Matcher events = EVENTS_SOURCE.matcher(inside);
        if (events.find()) {
            return new Source.Events(events.group(1));
        }
        return inside.stripLeading().startsWith("orders") ? new Source.Orders() : null;
    }

    private static Suggestions suggest(String prefix, List<String> names) {
        return new Suggestions(prefix, names.stream().limit(MAX_SUGGESTIONS).toList());
    }

    /** Whether the text ends inside a string literal (escapes honoured). */
    private static boolean insideString(String text) {
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString && c == '\\') {
                i++;
            } else if (c == '"') {
                inString = !inString;
            }
        }
        return inString;
    }

    /** The position of the innermost '(' not closed before the end, outside strings, or -1. */
    private static int innermostOpenParenthesis(String text) {
        Deque<Integer> open = new ArrayDeque<>();
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '(') {
                open.push(i);
            } else if (c == ')' && !open.isEmpty()) {
                open.pop();
            }
        }
        return open.isEmpty() ? -1 : open.peek();
    }
}
