package io.strata.application.imports;

/** One invalid cell or row: {@code line} is the physical line in the file (the CSV header is line 1). */
public record RowError(long line, String column, String value, String message) {
}
