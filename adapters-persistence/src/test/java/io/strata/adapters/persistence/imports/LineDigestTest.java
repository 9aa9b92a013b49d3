package io.strata.adapters.persistence.imports;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LineDigestTest {

    private record Line(String amount, String quantity, String category, String sku, String channel) {
    }

    private static List<Long> digest(Line... lines) {
        LineDigest digest = new LineDigest();
        for (Line line : lines) {
            digest.addLine(line.amount == null ? null : new BigDecimal(line.amount), line.quantity == null ? null : new BigDecimal(line.quantity),
                    line.category, line.sku, line.channel);
        }
        return List.of(digest.high(), digest.low());
    }

    private static final Line A = new Line("12.50", "2", "books", "SKU-1", "web");
    private static final Line B = new Line("-3", null, null, "SKU-2", "store");

    @Test
    void theSameLinesGiveTheSameDigestAndAResetStartsAfresh() {
        assertThat(digest(A, B)).isEqualTo(digest(A, B));
        LineDigest reused = new LineDigest();
        reused.addLine(BigDecimal.TEN, null, "x", null, null);
        reused.reset();
        reused.addLine(new BigDecimal("12.50"), new BigDecimal("2"), "books", "SKU-1", "web");
        assertThat(List.of(reused.high(), reused.low())).isEqualTo(digest(A));
    }

    @Test
    void decimalsAreHashedByTheirValueAtTheColumnsScale() {
        assertThat(digest(new Line("12.5", "2.000", "books", "SKU-1", "web"))).isEqualTo(digest(A));
        assertThat(digest(new Line("12.5001", "2", "books", "SKU-1", "web"))).isNotEqualTo(digest(A));
    }

    @Test
    void everyChangeOfWhatIsStoredChangesTheDigest() {
        Set<List<Long>> seen = new HashSet<>();
        List<List<Long>> digests = List.of(
                digest(A), digest(A, B), digest(B, A), digest(A, A), digest(B),
                digest(new Line("12.51", "2", "books", "SKU-1", "web")),
                digest(new Line("-12.50", "2", "books", "SKU-1", "web")),
                digest(new Line("12.50", "3", "books", "SKU-1", "web")),
                digest(new Line("12.50", null, "books", "SKU-1", "web")),
                digest(new Line("12.50", "2", "Books", "SKU-1", "web")),
                digest(new Line("12.50", "2", null, "SKU-1", "web")),
                digest(new Line("12.50", "2", "", "SKU-1", "web")),
                digest(new Line("12.50", "2", "books", "SKU-10", "web")),
                digest(new Line("12.50", "2", "books", "SKU-1", "app")),
                // a value moved from one column into the next
                digest(new Line("12.50", "2", "booksSKU-1", "", "web")),
                digest(new Line("12.50", "2", "books", "SKU-1web", "")),
                // the same characters, split otherwise across lines
                digest(new Line("1", null, "abcd", "efgh", null), new Line("1", null, "i", null, null)),
                digest(new Line("1", null, "abcd", "efg", null), new Line("1", null, "hi", null, null)),
                // characters past a multiple of four, and a NUL-like low char at the end
                digest(new Line("1", null, "abcde", null, null)),
                digest(new Line("1", null, "abcd\u0001", null, null)),
                digest(new Line("1", null, "abcd\u0000\u0001", null, null)),
                digest(new Line("123456789012345.1234", null, null, null, null)),
                digest(new Line("123456789012345.1235", null, null, null, null)));
        for (List<Long> d : digests) {
            assertThat(seen.add(d)).as("digest %s seen before", d).isTrue();
        }
    }

    @Test
    void largeDecimalsOfEqualValueAgree() {
        assertThat(digest(new Line("123456789012345.1200", null, null, null, null)))
                .isEqualTo(digest(new Line("123456789012345.12", null, null, null, null)));
    }
}
