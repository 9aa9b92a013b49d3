package io.strata.domain.edit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.regex.Pattern;

/**
 * The state of something people edit in place, as a short content hash of what is stored: two reads of the same stored
 * state give the same revision, any change of it another one. An editor keeps the revision it read and sends it back
 * with its change, so a change made meanwhile by someone else is noticed instead of overwritten (docs/architecture.md,
 * "Two people editing the same thing").
 */
public record Revision(String value) {

    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public Revision {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("a revision is 1 to 64 letters, digits, '-' or '_'; got " + (value == null ? "nothing" : "'" + value + "'"));
        }
    }

    /** Whether {@code text} has a revision's form; anything else never matches a stored state. */
    public static boolean wellFormed(String text) {
        return text != null && FORM.matcher(text).matches();
    }

    /**
     * The revision of a stored state given by its parts, in order. Each part is hashed in a canonical form
     * ({@link #canonical}), not by its {@code toString}: a set or map iterates in an order that depends on how it was
     * built and, for {@code Set.of}/{@code Map.of}, on a seed drawn per JVM, so two nodes printing one state could print
     * two texts and compute two revisions of it (each editor on the other node refused for nothing). SHA-256 over the
     * canonical text, 128 bits of it.
     */
    public static Revision of(Object... parts) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        StringBuilder text = new StringBuilder();
        for (Object part : parts) {
            canonical(part, text);
        }
        byte[] hash = digest.digest(text.toString().getBytes(StandardCharsets.UTF_8));
        return new Revision(Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 16)));
    }

    /**
     * The canonical text of a value, the same for equal values on any JVM, and self-delimiting (every text and list
     * carries its length, so parts cannot run into each other): null; a string, number, boolean or character by its
     * text; an enum constant by its name; an {@link Optional} by its value or none; a record by its type's name and every
     * component in declaration order (its {@code toString} may leave some out); a list, array or queue in its order;
     * any other collection (a set, a bag) and a map's entries sorted by their canonical texts, so that insertion order and
     * the set's type do not count; anything else by its type's name and {@code toString} (instants, dates, URIs, zones,
     * durations: each prints one text per value).
     */
    static void canonical(Object value, StringBuilder out) {
        if (value == null) {
            out.append('~');
        } else if (value instanceof CharSequence || value instanceof Character) {
            text('s', value.toString(), out);
        } else if (value instanceof Number || value instanceof Boolean) {
            text('n', value.getClass().getName() + "=" + value, out);
        } else if (value instanceof Enum<?> constant) {
            text('e', constant.getDeclaringClass().getName() + "." + constant.name(), out);
        } else if (value instanceof Optional<?> optional) {
            out.append('o');
            canonical(optional.orElse(null), out);
        } else if (value.getClass().isRecord()) {
            RecordComponent[] components = value.getClass().getRecordComponents();
            text('r', value.getClass().getName(), out);
            out.append(components.length).append('{');
            for (RecordComponent component : components) {
                canonical(component(value, component), out);
            }
            out.append('}');
        } else if (value.getClass().isArray()) {
            List<Object> elements = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                elements.add(Array.get(value, i));
            }
            sequence('l', elements, false, out);
        } else if (value instanceof List<?> || value instanceof Queue<?>) {
            sequence('l', (Collection<?>) value, false, out);
        } else if (value instanceof Collection<?> unordered) {
            sequence('c', unordered, true, out);
        } else if (value instanceof Map<?, ?> map) {
            List<String> entries = new ArrayList<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                StringBuilder one = new StringBuilder();
                canonical(entry.getKey(), one);
                canonical(entry.getValue(), one);
                entries.add(one.toString());
            }
            Collections.sort(entries);
            out.append('m').append(entries.size()).append('{');
            entries.forEach(out::append);
            out.append('}');
        } else {
            text('t', value.getClass().getName() + "=" + value, out);
        }
    }

    private static void sequence(char kind, Collection<?> elements, boolean sorted, StringBuilder out) {
        List<String> texts = new ArrayList<>();
        for (Object element : elements) {
            StringBuilder one = new StringBuilder();
            canonical(element, one);
            texts.add(one.toString());
        }
        if (sorted) {
            Collections.sort(texts);
        }
        out.append(kind).append(texts.size()).append('[');
        texts.forEach(out::append);
        out.append(']');
    }

    private static void text(char kind, String text, StringBuilder out) {
        out.append(kind).append(text.length()).append(':').append(text);
    }

    private static Object component(Object record, RecordComponent component) {
        try {
            Method accessor = component.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(record);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + record.getClass().getName() + "." + component.getName() + " for its revision", e);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
