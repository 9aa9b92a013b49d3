package io.strata.adapters.web.download;

import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bytes every CSV download is made of, written out literally: RFC 4180 with LF line ends, the quoting downloads
 * have always had, and text cells that a spreadsheet would run as a formula written with a leading apostrophe.
 */
class CsvDownloadTest {

    private static final List<CsvColumn> TEXT_AND_NUMBER = List.of(CsvColumn.text("customer_id"), CsvColumn.number("amount"));

    @Test
    void theHeaderComesFirstAndEveryLineEndsWithLf() {
        assertThat(written(TEXT_AND_NUMBER, new Object[]{"c1", 12}, new Object[]{"c2", new BigDecimal("7.50")}))
                .isEqualTo("customer_id,amount\nc1,12\nc2,7.50\n");
    }

    @Test
    void aDownloadWithoutRowsIsItsHeader() {
        assertThat(written(List.of(CsvColumn.text("customer_id")))).isEqualTo("customer_id\n");
    }

    @Test
    void commasQuotesAndLineBreaksAreQuotedAndQuotesDoubled() {
        List<CsvColumn> columns = List.of(CsvColumn.text("a"), CsvColumn.text("b"), CsvColumn.text("c"), CsvColumn.text("d"));
        assertThat(written(columns, new Object[]{"x", "Müller, Anna", "say \"hi\"", "two\nlines"}))
                .isEqualTo("a,b,c,d\nx,\"Müller, Anna\",\"say \"\"hi\"\"\",\"two\nlines\"\n");
        assertThat(written(columns, new Object[]{"x", "cr\rinside", "crlf\r\n", "plain"}))
                .isEqualTo("a,b,c,d\nx,\"cr\rinside\",\"crlf\r\n\",plain\n");
    }

    @Test
    void cellsThatReadersWouldTrimOrTakeForACommentAreQuoted() {
        List<CsvColumn> columns = List.of(CsvColumn.text("a"), CsvColumn.text("b"), CsvColumn.text("c"), CsvColumn.text("d"),
                CsvColumn.text("e"));
        assertThat(written(columns, new Object[]{"x", " leading", "trailing ", "#tag", "!bang"}))
                .isEqualTo("a,b,c,d,e\nx,\" leading\",\"trailing \",\"#tag\",\"!bang\"\n");
        assertThat(written(columns, new Object[]{"x", "in side", "$5", "a#b", "end\u0001"}))
                .isEqualTo("a,b,c,d,e\nx,in side,$5,a#b,\"end\u0001\"\n");
    }

    @Test
    void anEmptyFirstCellIsQuotedSoThatTheLineIsNotBlankAndLaterEmptyCellsAreNot() {
        assertThat(written(TEXT_AND_NUMBER, new Object[]{null, null}, new Object[]{"", ""}, new Object[]{"c3", null}))
                .isEqualTo("customer_id,amount\n\"\",\n\"\",\nc3,\n");
    }

    @Test
    void textThatASpreadsheetWouldRunAsAFormulaGetsALeadingApostrophe() {
        List<CsvColumn> columns = List.of(CsvColumn.text("id"), CsvColumn.text("v"));
        assertThat(written(columns,
                new Object[]{"1", "=HYPERLINK(\"http://x\",\"y\")"},
                new Object[]{"2", "+41 79"},
                new Object[]{"3", "-12 days"},
                new Object[]{"4", "@SUM(A1)"},
                new Object[]{"5", "\tcmd"},
                new Object[]{"6", "\rcmd"},
                new Object[]{"7", "a=b"},
                new Object[]{"8", "'quoted"},
                new Object[]{"9", "-1+1"},
                new Object[]{"10", "+1e3"},
                new Object[]{"11", "-"}))
                .isEqualTo("id,v\n"
                        + "1,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\n"
                        + "2,'+41 79\n"
                        + "3,'-12 days\n"
                        + "4,'@SUM(A1)\n"
                        + "5,'\tcmd\n"
                        + "6,\"'\rcmd\"\n"
                        + "7,a=b\n"
                        + "8,'quoted\n"
                        + "9,'-1+1\n"
                        + "10,'+1e3\n"
                        + "11,'-\n");
    }

    @Test
    void aTextThatIsASignedPlainNumberIsNoFormulaAndComesBackAsItIs() {
        // the contract's customer_id column: a program joining on the id must read the id (session 59's outside check)
        List<CsvColumn> columns = List.of(CsvColumn.text("customer_id"), CsvColumn.text("phone"));
        assertThat(written(columns,
                new Object[]{"-12", "+33100000001"},
                new Object[]{"+7.50", "-0.5"},
                new Object[]{"-12 ", "+41 79"}))
                .isEqualTo("customer_id,phone\n"
                        + "-12,+33100000001\n"
                        + "+7.50,-0.5\n"
                        + "\"'-12 \",'+41 79\n");
    }

    @Test
    void numberColumnsKeepNegativeAmountsButNeverLetAFormulaThrough() {
        assertThat(written(TEXT_AND_NUMBER,
                new Object[]{"a", -12},
                new Object[]{"b", new BigDecimal("-0.50")},
                new Object[]{"c", new BigDecimal("1E+3")},
                new Object[]{"d", "-1+1"},
                new Object[]{"e", "=1+1"}))
                .isEqualTo("customer_id,amount\na,-12\nb,-0.50\nc,1000\nd,'-1+1\ne,'=1+1\n");
    }

    @Test
    void textIsWrittenAsUtf8() {
        byte[] bytes = bytes(List.of(CsvColumn.text("city")), new Object[]{"Zürich"});
        assertThat(bytes).containsExactly('c', 'i', 't', 'y', '\n', 'Z', 0xC3, 0xBC, 'r', 'i', 'c', 'h', '\n');
    }

    @Test
    void aRowWithTheWrongNumberOfCellsIsRefused() {
        assertThatThrownBy(() -> written(TEXT_AND_NUMBER, new Object[]{"only one"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a row of this download has 2 cells, not 1");
    }

    @Test
    void theAnswerIsAnAttachmentOfTypeTextCsvInUtf8() throws IOException {
        ResponseEntity<StreamingResponseBody> answer = CsvDownload.answer("run-7-assignments.csv", TEXT_AND_NUMBER,
                csv -> csv.row("c1", 3));
        assertThat(answer.getHeaders().getFirst("Content-Type")).isEqualTo("text/csv;charset=UTF-8");
        assertThat(answer.getHeaders().getFirst("Content-Disposition")).isEqualTo("attachment; filename=\"run-7-assignments.csv\"");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        answer.getBody().writeTo(out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("customer_id,amount\nc1,3\n");
    }

    @Test
    void anAnswerWithoutAFilenameIsNoAttachment() {
        ResponseEntity<StreamingResponseBody> answer = CsvDownload.answer(null, TEXT_AND_NUMBER, csv -> { });
        assertThat(answer.getHeaders().containsHeader("Content-Disposition")).isFalse();
    }

    private static String written(List<CsvColumn> columns, Object[]... rows) {
        return new String(bytes(columns, rows), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(List<CsvColumn> columns, Object[]... rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CsvDownload csv = CsvDownload.start(out, columns)) {
            for (Object[] row : rows) {
                csv.row(row);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
