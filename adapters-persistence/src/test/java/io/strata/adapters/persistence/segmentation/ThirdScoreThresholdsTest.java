package io.strata.adapters.persistence.segmentation;

import io.strata.adapters.persistence.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The third score's thresholds are found per floor(m) bucket and then exactly inside one bucket
 * ({@code AssignmentSql.THIRD_BY_BUCKETS}); these bases are built so that the fifths' boundaries fall inside buckets,
 * on a bucket's last value, on ties that span the boundary, across negative amounts and on the last bucket. The
 * oracle, written out below from the definition: with the buyers' amounts sorted and N buyers, score k (2 to 5) starts
 * at the smallest amount v with 5 * (buyers whose amount is below v) >= (k - 1) * N, null when none has that.
 */
class ThirdScoreThresholdsTest {

    private static final Instant END = Instant.parse("2024-07-01T00:00:00Z");

    /** Amounts with many ties and several values per unit: boundaries land inside buckets and between them. */
    private static final String[] AMOUNTS = {"-3.5000", "-0.2500", "0.5000", "0.9999", "1.0000", "1.0001", "1.5000", "1.9999",
            "2.0000", "2.5000", "3.0000", "7.2500", "7.7500", "10.0000"};

    @Test
    void theBucketedThresholdsAreTheSmallestAmountsReachingEachFifthOnRandomBases() throws Exception {
        Random random = new Random(19);
        for (int base = 0; base < 24; base++) {
            int buyers = 1 + random.nextInt(base < 4 ? 6 : 60);
            // a few distinct amounts per base, so that ties are frequent; sometimes one amount only
            List<String> pool = new ArrayList<>();
            int distinct = base % 6 == 0 ? 1 : 2 + random.nextInt(6);
            for (int i = 0; i < distinct; i++) {
                pool.add(AMOUNTS[random.nextInt(AMOUNTS.length)]);
            }
            List<BigDecimal> amounts = new ArrayList<>();
            for (int i = 0; i < buyers; i++) {
                amounts.add(new BigDecimal(pool.get(random.nextInt(pool.size()))));
            }
            load(amounts);
            List<BigDecimal> expected = oracle(amounts);
            assertThat(thirdThresholds(true)).as("from the facts, amounts %s", amounts).isEqualTo(expected);
            assertThat(thirdThresholds(false)).as("from the orders, amounts %s", amounts).isEqualTo(expected);
        }
    }

    /**
     * Written out: ten buyers with 0.5, 0.9999 (twice), 1.0 (three times), 1.5, 2.0, 2.5 and 10. Fifths of 10: score 2
     * needs 2 buyers below, 3 needs 4, 4 needs 6, 5 needs 8. Below 0.9999: 1; below 1.0: 3, so score 2 from 1.0 (the
     * boundary, 2 buyers, falls in bucket [0, 1), whose 3 buyers reach it but none of whose amounts has 2 below it:
     * the threshold is the next bucket's lowest); below 1.5: 6, so scores 3 and 4 from 1.5 (ties of 1.0 span the 4th
     * buyer); below 2.5: 8, so score 5 from 2.5 (inside bucket [2, 3)).
     */
    @Test
    void boundariesOnTiesAndOnABucketsLastValue() throws Exception {
        List<BigDecimal> amounts = new ArrayList<>();
        for (String a : List.of("0.5", "0.9999", "0.9999", "1.0", "1.0", "1.0", "1.5", "2.0", "2.5", "10")) {
            amounts.add(new BigDecimal(a));
        }
        load(amounts);

        List<BigDecimal> expected = List.of(new BigDecimal("1.0000"), new BigDecimal("1.5000"), new BigDecimal("1.5000"), new BigDecimal("2.5000"));
        assertThat(oracle(amounts)).isEqualTo(expected);
        assertThat(thirdThresholds(true)).isEqualTo(expected);
        assertThat(thirdThresholds(false)).isEqualTo(expected);
    }

    /** The definition, by counting: for each k the smallest distinct amount with enough buyers strictly below it. */
    private static List<BigDecimal> oracle(List<BigDecimal> amounts) {
        List<BigDecimal> sorted = amounts.stream().sorted().toList();
        int n = sorted.size();
        List<BigDecimal> thresholds = new ArrayList<>();
        for (int k = 2; k <= 5; k++) {
            BigDecimal found = null;
            for (BigDecimal v : sorted) {
                long below = sorted.stream().filter(x -> x.compareTo(v) < 0).count();
                if (5 * below >= (long) (k - 1) * n) {
                    found = v.setScale(4);
                    break;
                }
            }
            thresholds.add(found);
        }
        return thresholds;
    }

    /** One buyer per amount (one order each), one customer without orders, the facts refreshed. */
    private static void load(List<BigDecimal> amounts) {
        TestDatabase.emptyCustomerData();
        TestDatabase.execute("insert into customers (customer_id) select 'c' || i from generate_series(0, " + amounts.size() + ") i");
        for (int i = 0; i < amounts.size(); i++) {
            BigDecimal amount = amounts.get(i);
            if (amount.signum() > 0) {
                order(i, "o" + i, amount);
            } else {
                // a buyer whose amount is not above 0: one order above 0 (frequency 1) and a refund bringing the sum to it
                order(i, "o" + i, BigDecimal.ONE);
                order(i, "r" + i, amount.subtract(BigDecimal.ONE));
            }
        }
        TestDatabase.refreshPurchaseFacts();
    }

    private static void order(int buyer, String orderId, BigDecimal total) {
        TestDatabase.execute("insert into orders (order_key, order_id, customer_key, ordered_at, total, line_count) select nextval('order_key_blocks'), '"
                + orderId + "', customer_key, '2024-06-" + (1 + buyer % 28) + "T12:00:00Z', " + total.toPlainString()
                + ", 1 from customers where customer_id = 'c" + (buyer + 1) + "'");
    }

    /** The last four of the thresholds' row: the third score's, as a run computes them (from the facts or the orders). */
    private static List<BigDecimal> thirdThresholds(boolean fromFacts) throws Exception {
        return ScoreThresholdsRow.columns(END, LocalDate.parse("2024-06-30"), fromFacts, 9, 12, (row, column) -> row.getBigDecimal(column).setScale(4));
    }
}
