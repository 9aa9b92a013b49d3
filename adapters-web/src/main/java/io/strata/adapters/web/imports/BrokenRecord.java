package io.strata.adapters.web.imports;

import java.util.List;

/**
 * Re-reads the text of a record the CSV parser rejected, with the parser's rules (RFC 4180: a quoted field ends at
 * a quote not doubled, and only the delimiter or the line's end may follow it), to say on which line and in which
 * column it broke.
 */
record BrokenRecord(long line, int field, String problem) {

    /**
     * @param text        text from the start of a record
     * @param line        the physical line that record starts on
     * @param skipRecords records at the start of {@code text} known to be sound (the last one the parser returned)
     * @param complete    whether {@code text} runs to the end of the body
     */
    static BrokenRecord find(CharSequence text, long line, int skipRecords, boolean complete) {
        int i = 0;
        int record = 0;
        int field = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '"') {
                long quoteLine = line;
                i++;
                boolean closed = false;
                while (i < n) {
                    char q = text.charAt(i);
                    if (q == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            i += 2;
                            continue;
                        }
                        closed = true;
                        i++;
                        break;
                    }
                    if (q == '\n' || (q == '\r' && (i + 1 >= n || text.charAt(i + 1) != '\n'))) {
                        line++;
                    }
                    i++;
                }
                if (!closed) {
                    return record < skipRecords ? null : new BrokenRecord(quoteLine, field, complete
                            ? "the quoted field opened on line " + quoteLine + " is never closed"
                            : "the quoted field opened on line " + quoteLine + " runs on for more than "
                            + RecordWindow.MAX_RECORD_CHARS + " characters; its closing quote is probably missing");
                }
                if (i < n && text.charAt(i) != ',' && text.charAt(i) != '\r' && text.charAt(i) != '\n' && record >= skipRecords) {
                    return new BrokenRecord(line, field, "'" + text.charAt(i) + "' follows the closing quote of a quoted field");
                }
                continue;
            }
            if (c == ',') {
                field++;
                i++;
            } else if (c == '\r' || c == '\n') {
                i += c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
                line++;
                record++;
                field = 0;
            } else {
                i++;
            }
        }
        return null;
    }

    /** The column the broken field belongs to: its header name, or its position when the header is not known. */
    String column(List<String> header) {
        return header != null && field < header.size() ? header.get(field) : "column " + (field + 1);
    }
}
