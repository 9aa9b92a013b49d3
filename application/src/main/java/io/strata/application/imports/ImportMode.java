package io.strata.application.imports;

import java.util.Locale;

/** strict: one bad row and nothing is written; lenient: valid rows are written, invalid ones reported. */
public enum ImportMode {
    STRICT, LENIENT;

    public static ImportMode parse(String text) {
        if (text == null || text.isBlank()) {
            return STRICT;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "strict" -> STRICT;
            case "lenient" -> LENIENT;
            default -> throw new IllegalArgumentException("mode '" + text + "' is unknown; use mode=strict or mode=lenient");
        };
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
