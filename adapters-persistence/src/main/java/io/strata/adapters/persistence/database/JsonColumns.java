package io.strata.adapters.persistence.database;

import tools.jackson.databind.json.JsonMapper;

import java.util.Map;

/**
 * The JSON text of what goes into a JSON column (jsonb, or the audit trail's text snapshots), written with Jackson:
 * the one way Strata writes JSON, so every value is escaped by the same, tested rules.
 */
public final class JsonColumns {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonColumns() {
    }

    /** A flat object, its members in the map's order; values are text, numbers, true/false or null. */
    public static String object(Map<String, ?> values) {
        return JSON.writeValueAsString(values);
    }
}
