package io.strata.adapters.persistence.imports;

import io.strata.application.imports.OrderLineRow;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LineRunsTest {

    private final List<LineRuns.Run> ended = new ArrayList<>();
    private long nextKey = 100;
    private final LineRuns runs = new LineRuns(() -> nextKey++, ended::add);

    private static OrderLineRow line(long line, String order, String customer, String at, String amount) {
        return new OrderLineRow(line, order, customer, Instant.parse(at), new BigDecimal(amount), BigDecimal.ONE, "books", "sku-" + line,
                "web", at);
    }

    @Test
    void consecutiveLinesOfOneOrderAreOneRunWithItsTotalAndLineCount() {
        runs.add(line(2, "o1", "c1", "2024-03-01T10:00:00Z", "5.50"));
        assertThat(runs.key()).isEqualTo(100);
        assertThat(runs.lineInRun()).isEqualTo(1);
        runs.add(line(3, "o1", "c1", "2024-03-01T10:00:00Z", "4.50"));
        assertThat(runs.key()).isEqualTo(100);
        assertThat(runs.lineInRun()).isEqualTo(2);
        runs.end();

        assertThat(ended).usingRecursiveFieldByFieldElementComparatorIgnoringFields("digestHigh", "digestLow")
                .containsExactly(new LineRuns.Run(100, "o1", "c1", Instant.parse("2024-03-01T10:00:00Z"), "2024-03-01T10:00:00Z",
                        new BigDecimal("10.00"), 2, 2, false, false, Set.of("books"), 0, 0));
    }

    @Test
    void aNewOrderEndsTheRunAndTakesTheNextKey() {
        runs.add(line(2, "o1", "c1", "2024-03-01T10:00:00Z", "1"));
        runs.add(line(3, "o2", "c1", "2024-03-01T10:00:00Z", "2"));

        assertThat(runs.key()).isEqualTo(101);
        assertThat(ended).extracting(LineRuns.Run::orderId, LineRuns.Run::key, LineRuns.Run::repeated).containsExactly(
                org.assertj.core.groups.Tuple.tuple("o1", 100L, false));
    }

    @Test
    void anOrderWhoseLinesDisagreeOnCustomerOrTimeIsSeveralRunsMarkedRepeated() {
        runs.add(line(2, "o1", "c1", "2024-03-01T10:00:00Z", "1"));
        runs.add(line(3, "o1", "c2", "2024-03-01T10:00:00Z", "1"));
        runs.add(line(4, "o1", "c2", "2024-03-01T10:00:05Z", "1"));
        runs.end();

        assertThat(ended).extracting(LineRuns.Run::customerId, LineRuns.Run::orderedAtText, LineRuns.Run::firstLine, LineRuns.Run::repeated)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("c1", "2024-03-01T10:00:00Z", 2L, false),
                        org.assertj.core.groups.Tuple.tuple("c2", "2024-03-01T10:00:00Z", 3L, true),
                        org.assertj.core.groups.Tuple.tuple("c2", "2024-03-01T10:00:05Z", 4L, true));
    }

    @Test
    void aGapInTheLineNumbersEndsTheRun() {
        // line 3 was invalid and never reached staging
        runs.add(line(2, "o1", "c1", "2024-03-01T10:00:00Z", "1"));
        runs.add(line(4, "o1", "c1", "2024-03-01T10:00:00Z", "1"));
        runs.end();

        assertThat(ended).extracting(LineRuns.Run::firstLine, LineRuns.Run::lines, LineRuns.Run::repeated)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, 1, false), org.assertj.core.groups.Tuple.tuple(4L, 1, true));
    }

    @Test
    void anOrderThatComesBackLaterInTheFileIsRepeated() {
        runs.add(line(2, "o1", "c1", "2024-03-01T10:00:00Z", "1"));
        runs.add(line(3, "o2", "c1", "2024-03-01T10:00:00Z", "1"));
        runs.add(line(4, "o1", "c1", "2024-03-01T10:00:00Z", "1"));
        runs.end();

        assertThat(ended).extracting(LineRuns.Run::orderId, LineRuns.Run::key, LineRuns.Run::repeated).containsExactly(
                org.assertj.core.groups.Tuple.tuple("o1", 100L, false), org.assertj.core.groups.Tuple.tuple("o2", 101L, false),
                org.assertj.core.groups.Tuple.tuple("o1", 102L, true));
    }

    @Test
    void anOrderLeftOutIsAMarkerWithoutKeyAndMakesItsLaterRunsRepeated() {
        runs.leaveOut("o1");
        runs.add(line(3, "o1", "c1", "2024-03-01T10:00:00Z", "1"));
        runs.end();

        assertThat(ended).usingRecursiveFieldByFieldElementComparatorIgnoringFields("digestHigh", "digestLow")
                .containsExactly(new LineRuns.Run(0, "o1", null, null, null, null, 0, 0, true, true, null, 0, 0),
                        new LineRuns.Run(100, "o1", "c1", Instant.parse("2024-03-01T10:00:00Z"), "2024-03-01T10:00:00Z", BigDecimal.ONE, 1, 3,
                                true, false, Set.of("books"), 0, 0));
    }

    @Test
    void endingTwiceSpoolsTheRunOnce() {
        runs.add(line(2, "o1", "c1", "2024-03-01T10:00:00Z", "1"));
        runs.end();
        runs.end();

        assertThat(ended).hasSize(1);
    }

    @Test
    void aRunKeepsTheDistinctNonEmptyCategoriesOfItsLinesInTheOrderTheyCame() {
        runs.add(line(2, "o1", "c1", "2024-03-01T10:00:00Z", "1", "kids"));
        runs.add(line(3, "o1", "c1", "2024-03-01T10:00:00Z", "1", ""));
        runs.add(line(4, "o1", "c1", "2024-03-01T10:00:00Z", "1", "home"));
        runs.add(line(5, "o1", "c1", "2024-03-01T10:00:00Z", "1", "kids"));
        runs.add(line(6, "o1", "c1", "2024-03-01T10:00:00Z", "1", null));
        runs.add(line(7, "o2", "c1", "2024-03-01T10:00:00Z", "1", null));
        runs.end();

        assertThat(ended).extracting(LineRuns.Run::categories).containsExactly(Set.of("kids", "home"), Set.of());
        assertThat(ended.get(0).categoriesLiteral()).isEqualTo("{\"kids\",\"home\"}");
        assertThat(ended.get(1).categoriesLiteral()).isEqualTo("{}");
    }

    @Test
    void theCategoriesLiteralQuotesEveryElementAndEscapesQuotesAndBackslashes() {
        runs.add(line(2, "o1", "c1", "2024-03-01T10:00:00Z", "1", "a,\"b\" {c}"));
        runs.add(line(3, "o1", "c1", "2024-03-01T10:00:00Z", "1", "NULL"));
        runs.add(line(4, "o1", "c1", "2024-03-01T10:00:00Z", "1", "x\\y"));
        runs.end();
        runs.leaveOut("o2");

        assertThat(ended.get(0).categoriesLiteral()).isEqualTo("{\"a,\\\"b\\\" {c}\",\"NULL\",\"x\\\\y\"}");
        assertThat(ended.get(1).categoriesLiteral()).isNull();
    }

    private static OrderLineRow line(long line, String order, String customer, String at, String amount, String category) {
        return new OrderLineRow(line, order, customer, Instant.parse(at), new BigDecimal(amount), BigDecimal.ONE, category, null, "web", at);
    }

    @Test
    void aRunCarriesTheDigestOfItsLinesAndTheNextRunStartsAfresh() {
        runs.add(line(2, "o1", "c1", "2024-03-01T10:00:00Z", "1"));
        runs.add(line(3, "o2", "c1", "2024-03-01T10:00:00Z", "1"));
        runs.add(line(4, "o3", "c1", "2024-03-01T10:00:00Z", "1"));
        runs.end();
        LineDigest alone = new LineDigest();
        // the lines differ in their sku only (sku-<line>)
        alone.addLine(BigDecimal.ONE, BigDecimal.ONE, "books", "sku-3", "web");

        assertThat(ended.get(1).digestHigh()).isEqualTo(alone.high());
        assertThat(ended.get(1).digestLow()).isEqualTo(alone.low());
        assertThat(ended.get(0).digestHigh()).isNotEqualTo(ended.get(2).digestHigh());
    }
}
