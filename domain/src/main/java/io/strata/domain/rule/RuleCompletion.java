package io.strata.domain.rule;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
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
