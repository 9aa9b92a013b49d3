package io.strata.application.audit;

import io.strata.domain.segmentation.GeneralSegmentation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A subject as the audit trail keeps it before or after a change. It is data; the persistence adapter decides how it
 * is stored (as JSON, written there by the one JSON library). Snapshots name subjects and their settings, never
 * personal data. A new kind of snapshot adds a case to {@link Visitor}, so every adapter that stores snapshots has to
 * say how it stores the new one before it compiles.
 */
public sealed interface AuditSnapshot {

    <R> R accept(Visitor<R> visitor);

    /** The cases of a snapshot, one method each. */
    interface Visitor<R> {
        R visitValues(Values values);

        R visitSegmentation(Segmentation segmentation);
    }

    /**
     * Pairs of name and value. A number, true/false or null is kept as it is; anything else is kept as its text
     * ({@code toString}), so a rule, an instant or a list of actions reads as it prints.
     */
    static Values of(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String name = String.valueOf(namesAndValues[i]);
            if (values.containsKey(name)) {
                throw new IllegalArgumentException("an audit snapshot names '" + name + "' twice");
            }
            values.put(name, namesAndValues[i + 1]);
        }
        return new Values(values);
    }

    /** Named values in the order given, each a text, a number, true/false or nothing. */
    record Values(Map<String, Object> values) implements AuditSnapshot {

        public Values {
            if (values == null || values.isEmpty()) {
                throw new IllegalArgumentException("an audit snapshot names at least one value");
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            values.forEach((name, value) -> {
                if (name == null || name.isBlank()) {
                    throw new IllegalArgumentException("every value of an audit snapshot needs a name");
                }
                copy.put(name, value == null || value instanceof Number || value instanceof Boolean ? value : value.toString());
            });
            values = Collections.unmodifiableMap(copy);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitValues(this);
        }
    }

    /** A general segmentation's whole definition, kept as its definition document is written. */
    record Segmentation(GeneralSegmentation definition) implements AuditSnapshot {

        public Segmentation {
            if (definition == null) {
                throw new IllegalArgumentException("a segmentation snapshot needs the definition");
            }
        }

        /** The snapshot of a definition, or none where there is no definition (before a creation). */
        public static Segmentation ofNullable(GeneralSegmentation definition) {
            return definition == null ? null : new Segmentation(definition);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitSegmentation(this);
        }
    }
}
