package io.strata.adapters.web.imports;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The window of text a CSV parser reads: from the start of the last record, found by its line, and never unbounded. */
class RecordWindowTest {

    @Property(tries = 300)
    void theTextSinceARecordStartsBeginsAtTheStartOfItsLine(@ForAll("lines") List<String> lines,
                                                           @ForAll("breaks") List<String> breaks,
                                                           @ForAll @IntRange(min = 1, max = 50) int readSize) throws IOException {
        StringBuilder text = new StringBuilder();
        List<Integer> lineStarts = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            lineStarts.add(text.length());
            text.append(lines.get(i));
            if (i + 1 < lines.size()) {
                text.append(breaks.get(i % breaks.size()));
            }
        }
        for (int i = 1; i + 1 < lines.size(); i++) {
            // a CR, an empty line and an LF are one CRLF: that text has a line fewer than the list says
            Assume.that(!(lines.get(i).isEmpty() && breaks.get((i - 1) % breaks.size()).equals("\r")
                    && breaks.get(i % breaks.size()).startsWith("\n")));
        }
        RecordWindow window = new RecordWindow(new StringReader(text.toString()));
        char[] buffer = new char[readSize];
        while (window.read(buffer, 0, readSize) >= 0) {
            // the whole body is read before any record is named
        }

        for (int line = 1; line <= lines.size(); line++) {
            window.recordStartsOnLine(line);
            assertThat(window.sinceRecordStart().toString()).as("line %d", line).isEqualTo(text.substring(lineStarts.get(line - 1)));
        }
    }

    @Provide
    Arbitrary<List<String>> lines() {
        // the parser never names a record that would start at the very end of the body, so the last line has text
        return Arbitraries.strings().withChars("ab,\"é😀").ofMaxLength(6).list().ofMinSize(1).ofMaxSize(12)
                .filter(lines -> !lines.get(lines.size() - 1).isEmpty());
    }

    @Provide
    Arbitrary<List<String>> breaks() {
        return Arbitraries.of("\n", "\r", "\r\n").list().ofMinSize(1).ofMaxSize(12);
    }

    @Test
    void aRecordLongerThanTheLimitStopsTheBody() throws IOException {
        RecordWindow window = new RecordWindow(new StringReader("z".repeat(RecordWindow.MAX_RECORD_CHARS * 2)));
        window.recordStartsOnLine(1);

        assertThatThrownBy(() -> drain(window, 8192)).isInstanceOf(RecordWindow.RecordTooLong.class)
                .hasMessage("a record is longer than 1048576 characters");
    }

    @Test
    void aBodyLongerThanTheLimitIsReadWhileItsRecordsAreShort() throws IOException {
        String line = "x".repeat(99) + "\n";
        int lines = 3 * RecordWindow.MAX_RECORD_CHARS / line.length();
        Reader body = new StringReader(line.repeat(lines));
        RecordWindow window = new RecordWindow(body);
        char[] buffer = new char[4096];
        long read = 0;
        int n;
        while ((n = window.read(buffer, 0, buffer.length)) >= 0) {
            read += n;
            // the parser names the record on the last full line read so far
            window.recordStartsOnLine(read / line.length() + 1);
        }

        assertThat(read).isEqualTo((long) lines * line.length());
        assertThat(window.sinceRecordStart().toString()).isEmpty();
    }

    private static void drain(Reader reader, int size) throws IOException {
        char[] buffer = new char[size];
        while (reader.read(buffer, 0, size) >= 0) {
            // read to the end
        }
    }
}
