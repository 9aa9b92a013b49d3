package io.strata.application.audit;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes the small flat JSON objects that describe a subject before and after a change. */
public final class AuditJson {

    private AuditJson() {
    }

    /** Pairs of name and value; values are written as strings, numbers, booleans or null. */
    public static String object(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put(String.valueOf(namesAndValues[i]), namesAndValues[i + 1]);
        }
        StringBuilder json = new StringBuilder("{");
        Iterator<Map.Entry<String, Object>> it = fields.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Object> field = it.next();
            string(json, field.getKey()).append(':');
            Object value = field.getValue();
            if (value == null || value instanceof Number || value instanceof Boolean) {
                json.append(value);
            } else {
                string(json, value.toString());
            }
            if (it.hasNext()) {
                json.append(',');
            }
        }
        return json.append('}').toString();
    }

    private static StringBuilder string(StringBuilder json, String text) {
        json.append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}
