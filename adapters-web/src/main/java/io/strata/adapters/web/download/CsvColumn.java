package io.strata.adapters.web.download;

/**
 * A column of a CSV download and what its cells hold. Text cells are made safe for spreadsheets before they are
 * written; number cells are written as they are, so a negative amount stays a number.
 */
public record CsvColumn(String name, Kind kind) {

    public enum Kind { TEXT, NUMBER }

    public CsvColumn {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a CSV column needs a name");
        }
        if (kind == null) {
            throw new IllegalArgumentException("column " + name + " needs a kind, text or number");
        }
    }

    public static CsvColumn text(String name) {
        return new CsvColumn(name, Kind.TEXT);
    }

    public static CsvColumn number(String name) {
        return new CsvColumn(name, Kind.NUMBER);
    }
}
