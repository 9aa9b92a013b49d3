package io.strata.adapters.web.imports;

import io.strata.application.imports.SourceRow;
import io.strata.application.imports.UnreadableInput;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import de.siegmar.fastcsv.writer.CsvWriter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CSV import bodies read back cell for cell, each row with the physical line it starts on. */
class CsvRowsTest {

    private static final List<String> HEADER = List.of("id", "name", "note");

    @Property(tries = 300)
    void rowsWrittenAsRfc4180ReadBackAsTheSameCellsOnTheLinesTheyStartOn(@ForAll("rows") List<List<String>> rows) throws IOException {
        StringWriter csv = new StringWriter();
        try (CsvWriter writer = CsvWriter.builder().build(csv)) {
            writer.writeRecord(HEADER);
            for (List<String> row : rows) {
                writer.writeRecord(row);
            }
        }

        List<SourceRow> read = readAll(csv.toString());

        assertThat(read).hasSameSizeAs(rows);
        long line = 2;
        for (int i = 0; i < rows.size(); i++) {
            SourceRow row = read.get(i);
            assertThat(row.problem()).isNull();
            assertThat(row.header().columns()).isEqualTo(HEADER);
            assertThat(Arrays.asList(row.cells())).isEqualTo(rows.get(i));
            assertThat(row.line()).as("row %d", i).isEqualTo(line);
            line += 1 + rows.get(i).stream().mapToLong(CsvRowsTest::lineBreaks).sum();
        }
    }

    @Provide
    Arbitrary<List<List<String>>> rows() {
        Arbitrary<String> cell = Arbitraries.oneOf(
                Arbitraries.strings().withChars("ab,\"\r\n é€😀").ofMaxLength(8),
                Arbitraries.of("\r\n", "\r", "\n", "\"", ",", "\"\"", "😀", " ", "\n\r"),
                Arbitraries.strings().all().ofMaxLength(5).filter(s -> !s.contains("\0")));
        return cell.list().ofSize(HEADER.size()).list().ofMaxSize(8);
    }

    /** CRLF is one line break; a CR or LF alone is one too. */
    private static long lineBreaks(String text) {
        return text.replace("\r\n", "\n").chars().filter(c -> c == '\n' || c == '\r').count();
    }

    @Test
    void blankLinesAreSkippedAndLaterRowsKeepTheirPhysicalLines() {
        List<SourceRow> rows = readAll("id,name\r\n\r\n1,\"Ann\nLee\"\n\n2,Bob\n");

        assertThat(rows).extracting(SourceRow::line).containsExactly(3L, 6L);
        assertThat(rows.get(0).cells()).containsExactly("1", "Ann\nLee");
    }

    @Test
    void aRowWithTheWrongNumberOfFieldsIsARowProblemAndLaterRowsAreStillRead() {
        List<SourceRow> rows = readAll("id,name\n1,Ann,extra\n2,Bob\n");

        assertThat(rows.get(0).problem()).isEqualTo("line 2 has 3 fields but the header has 2; every row needs one field per header "
                + "column (quote fields that contain commas)");
        assertThat(rows.get(1).cells()).containsExactly("2", "Bob");
    }

    @Test
    void aQuoteNeverClosedNamesTheLineAndColumnItOpensIn() {
        assertThatThrownBy(() -> readAll("id,name\n1,Ann\n2,\"Bob\n3,Cy\n"))
                .isInstanceOfSatisfying(UnreadableInput.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.getMessage()).startsWith("the CSV cannot be read at line 3, column name: the quoted field opened on line 3 is never closed");
                });
    }

    @Test
    void textAfterAClosingQuoteNamesItsLineAndColumn() {
        assertThatThrownBy(() -> readAll("id,name\n1,Ann\n2,\"Bob\"x\n"))
                .isInstanceOfSatisfying(UnreadableInput.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.getMessage()).startsWith("the CSV cannot be read at line 3, column name: 'x' follows the closing quote");
                });
    }

    @Test
    void anEmptyBodyAndAnEmptyFirstLineAreRefused() {
        assertThatThrownBy(() -> readAll("")).hasMessage("the body is empty; send a header row and at least one data row");
        assertThatThrownBy(() -> readAll("\nid\n1\n")).hasMessage("line 1 is empty; the first line must be the header, naming the columns");
    }

    @Test
    void aQuotedFieldAsLongAsARecordMayBeIsReadButOneWithoutItsClosingQuoteStopsTheBody() {
        String longField = "x".repeat(RecordWindow.MAX_RECORD_CHARS - 10);
        List<SourceRow> rows = readAll("id,note\n1,\"" + longField + "\"\n2,short\n");
        assertThat(rows.get(0).cells()[1]).hasSize(RecordWindow.MAX_RECORD_CHARS - 10);
        assertThat(rows.get(1).line()).isEqualTo(3);

        String unclosed = "id,note\n1,ok\n2,\"" + "y\n".repeat(RecordWindow.MAX_RECORD_CHARS);
        assertThatThrownBy(() -> readAll(unclosed))
                .isInstanceOfSatisfying(UnreadableInput.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.getMessage()).contains("the quoted field opened on line 3 runs on for more than 1048576 characters");
                });
    }

    /**
     * The parser stops at 16,384 fields in a record; until session 59 its own sentence was the answer ("Record starting
     * at line 2 has surpassed the maximum limit of 16384 fields"), with advice about quoting that does not fit.
     */
    @Test
    void aRowOrAHeaderWithMoreFieldsThanTheParserTakesIsRefusedInTheProductsWords() {
        String wide = "x" + ",x".repeat(20_000);
        assertThatThrownBy(() -> readAll("id,name\n1,Ann\n" + wide + "\n3,Cy\n"))
                .isInstanceOfSatisfying(UnreadableInput.class, e -> {
                    assertThat(e.getMessage()).doesNotContain("Record starting", "surpassed", "maximum limit", "Exception");
                    assertThat(e.line()).as(e.getMessage()).isEqualTo(3);
                    assertThat(e.getMessage()).isEqualTo("the CSV cannot be read at line 3: it has more than 16384 fields, and a row may have"
                            + " at most 16384; every row needs one field per header column (the header has 2): check that this line"
                            + " is not several rows run together, and quote fields that contain commas");
                });
        assertThatThrownBy(() -> readAll(wide + "\n1\n"))
                .isInstanceOfSatisfying(UnreadableInput.class, e -> {
                    assertThat(e.getMessage()).doesNotContain("Record starting", "surpassed", "maximum limit", "Exception");
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.getMessage()).isEqualTo("the CSV cannot be read at line 1: it has more than 16384 fields, and a row may have"
                            + " at most 16384; the header names one column per field: check that the file separates its fields with"
                            + " commas and that a header of so many columns is meant");
                });
    }

    static List<SourceRow> readAll(String body) {
        List<SourceRow> rows = new ArrayList<>();
        try (CsvRows csv = new CsvRows(new StringReader(body))) {
            csv.forEachRemaining(rows::add);
        }
        return rows;
    }
}
