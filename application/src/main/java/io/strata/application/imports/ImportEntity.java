package io.strata.application.imports;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an import brings in; the name is the last segment of its endpoint. */
public enum ImportEntity {
    CUSTOMERS, ORDERS, EVENTS;

    public String path() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ImportEntity> fromPath(String path) {
        return Arrays.stream(values()).filter(e -> e.path().equals(path)).findFirst();
    }
}
