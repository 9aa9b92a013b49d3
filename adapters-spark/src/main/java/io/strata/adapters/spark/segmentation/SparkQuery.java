package io.strata.adapters.spark.segmentation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Spark SQL text being built, with its values as named parameters ({@code :p0}, {@code :p1}, …): no value a user wrote
 * is ever spliced into the text; the only identifiers written come from the domain's fixed enums.
 */
public final class SparkQuery {

    private final StringBuilder text = new StringBuilder();
    private final Map<String, Object> arguments;

    public SparkQuery() {
        this(new LinkedHashMap<>());
    }

    /** A query that shares its parameters with another, so fragments of both can be put together. */
    public SparkQuery(Map<String, Object> sharedArguments) {
        this.arguments = sharedArguments;
    }

    public SparkQuery append(String sql) {
        text.append(sql);
        return this;
    }

    /** Adds a value and answers its marker, e.g. {@code :p3}. The value must not be null (Spark has no typed null literal). */
    public String bind(Object value) {
        if (value == null) {
            throw new IllegalArgumentException("a Spark query parameter cannot be null");
        }
        String name = "p" + arguments.size();
        arguments.put(name, value);
        return ":" + name;
    }

    public SparkQuery appendBound(Object value) {
        return append(bind(value));
    }

    public String text() {
        return text.toString();
    }

    public Map<String, Object> arguments() {
        return arguments;
    }
}
