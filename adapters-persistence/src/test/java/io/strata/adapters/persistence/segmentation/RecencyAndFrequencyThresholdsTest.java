package io.strata.adapters.persistence.segmentation;

import io.strata.adapters.persistence.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Since session 35 the runs read each buyer's first and last purchase day from the facts' generated days (changeset
 * 380) instead of shifting the instants to UTC per customer, count r's and f's histograms in one pass per (r, f) pair,
 * and count the third score per the facts' whole unit {@code monetary_floor} (changeset 400). These bases put orders on
 * both sides of UTC midnight (the run's day boundary), with ties across the fifths. The oracles are written out below
 * from the contract (docs/segmentation.md): recency = as-of day minus the UTC date of the latest order above 0; tenure
 * likewise from the first; score k of r starts at the largest recency v with 5 × (buyers whose recency is above v) ≥
 * (k − 1) × N, of f at the smallest frequency v with 5 × (buyers whose frequency is below v) ≥ (k − 1) × N.
 */
class RecencyAndFrequencyThresholdsTest {

    private static final LocalDate AS_OF = LocalDate.parse("2024-06-30");
    private static final Instant END = Instant.parse("2024-07-01T00:00:00Z");

    /** Times of day around UTC midnight, and one in the middle of the day. */
    private static final String[] TIMES = {"T00:00:00Z", "T00:00:00.001Z", "T12:00:00Z", "T23:59:59Z", "T23:59:59.999Z"};

    @Test
    void recencyTenureAndTheRAndFThresholdsAreTheContractsFromTheFactsAndFromTheOrders() throws Exception {
        Random random = new Random(35);
        for (int base = 0; base < 16; base++) {
            TestDatabase.emptyCustomerData();
            int customers = 2 + random.nextInt(base < 4 ? 6 : 40);
            TestDatabase.execute("insert into customers (customer_id) select 'c' || i from generate_series(1, " + customers + ") i");
            Map<String, Instant> last = new HashMap<>();
            Map<String, Instant> first = new HashMap<>();
            Map<String, Integer> frequency = new HashMap<>();
            // few distinct days and counts, so that ties span the fifths' boundaries
            int days = 1 + random.nextInt(6);
            for (int c = 1; c <= customers; c++) {
                String customer = "c" + c;
                int orders = random.nextInt(5); // 0: a prospect
                for (int o = 0; o < orders; o++) {
                    Instant at = Instant.parse(AS_OF.minusDays(random.nextInt(days)) + TIMES[random.nextInt(TIMES.length)]);
                    // now and then a refund, which counts for neither the frequency nor the days
                    boolean refund = o > 0 && random.nextInt(5) == 0;
                    order(customer, customer + "-" + o, at, refund ? "-1.50" : "10.00");
                    if (!refund) {
                        frequency.merge(customer, 1, Integer::sum);
                        last.merge(customer, at, (a, b) -> a.isAfter(b) ? a : b);
                        first.merge(customer, at, (a, b) -> a.isBefore(b) ? a : b);
                    }
                }
            }
            TestDatabase.refreshPurchaseFacts();

            Map<String, Integer> recency = new TreeMap<>();
            Map<String, Integer> tenure = new TreeMap<>();
            for (String customer : frequency.keySet()) {
                recency.put(customer, (int) ChronoUnit.DAYS.between(last.get(customer).atZone(ZoneOffset.UTC).toLocalDate(), AS_OF));
                tenure.put(customer, (int) ChronoUnit.DAYS.between(first.get(customer).atZone(ZoneOffset.UTC).toLocalDate(), AS_OF));
            }
            for (boolean fromFacts : List.of(true, false)) {
                String form = fromFacts ? "from the facts" : "from the orders";
                assertThat(days(fromFacts, "recency_days")).as("recency %s, base %d", form, base).isEqualTo(recency);
                assertThat(days(fromFacts, "tenure_days")).as("tenure %s, base %d", form, base).isEqualTo(tenure);
                List<Integer> expected = new ArrayList<>(recencyThresholds(recency.values().stream().toList()));
                expected.addAll(frequencyThresholds(frequency.values().stream().toList()));
                assertThat(rAndFThresholds(fromFacts)).as("r and f thresholds %s, base %d, recency %s, frequency %s",
                        form, base, recency, frequency).isEqualTo(expected);
            }
        }
    }

    /**
     * The unit the third score counts buyers by: the floor of the amount at the runs' scale (numeric(19,4), rounded
     * half away from zero), clamped to ±10^18. Written out per amount.
     */
    @Test
    void theFactsKeepTheWholeUnitsOfEachAmountAtTheRunsScale() {
        TestDatabase.emptyCustomerData();
        TestDatabase.execute("insert into customers (customer_id) select 'c' || i from generate_series(1, 9) i");
        String[][] amounts = {
                {"c1", "5.5", "5"}, {"c2", "-0.5", "-1"}, {"c3", "2.99996", "3"}, {"c4", "2.99994", "2"}, {"c5", "0", "0"},
                {"c6", "-3", "-3"}, {"c7", "-2.00004", "-2"}, {"c8", "100000000000000000000", "1000000000000000000"},
                {"c9", "-100000000000000000000", "-1000000000000000000"}};
        for (String[] amount : amounts) {
            TestDatabase.execute("insert into customer_purchase_facts (customer_key, frequency, monetary, first_bought_at, last_bought_at, purchase_days)"
                    + " select customer_key, 1, " + amount[1] + ", '2024-06-01T00:00:00Z', '2024-06-01T00:00:00Z', 1 from customers where customer_id = '"
                    + amount[0] + "'");
        }
        for (String[] amount : amounts) {
            assertThat(org.springframework.jdbc.core.simple.JdbcClient.create(TestDatabase.dataSource())
                    .sql("select f.monetary_floor from customer_purchase_facts f join customers c using (customer_key) where c.customer_id = ?")
                    .param(amount[0]).query(BigDecimal.class).single())
                    .as("the unit of %s", amount[1]).isEqualByComparingTo(amount[2]);
        }
    }

    /** Per buyer, one of the metrics' day columns as a run computes them (:end and :asof bound in order, as the run does). */
    private static Map<String, Integer> days(boolean fromFacts, String column) throws Exception {
        java.util.regex.Matcher names = java.util.regex.Pattern.compile(":(end|asof)\\b").matcher(MetricsSql.metrics(false, fromFacts, true));
        List<Object> parameters = new ArrayList<>();
        StringBuilder metrics = new StringBuilder();
        while (names.find()) {
            parameters.add(names.group(1).equals("end") ? Timestamp.from(END) : java.sql.Date.valueOf(AS_OF));
            names.appendReplacement(metrics, "?");
        }
        names.appendTail(metrics);
        Map<String, Integer> values = new TreeMap<>();
        try (Connection connection = TestDatabase.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement("select c.customer_id, m." + column + " from (" + metrics
                     + ") m join customers c using (customer_key) where m.frequency > 0")) {
            for (int i = 0; i < parameters.size(); i++) {
                select.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    values.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        return values;
    }

    /** Score k of r (2 to 5): the largest recency v with 5 × (buyers above v) ≥ (k − 1) × N, null when none. */
    private static List<Integer> recencyThresholds(List<Integer> recency) {
        int n = recency.size();
        List<Integer> thresholds = new ArrayList<>();
        for (int k = 2; k <= 5; k++) {
            Integer found = null;
            for (int v : recency) {
                long before = recency.stream().filter(x -> x > v).count();
                if (5 * before >= (long) (k - 1) * n && (found == null || v > found)) {
                    found = v;
                }
            }
            thresholds.add(found);
        }
        return thresholds;
    }

    /** Score k of f (2 to 5): the smallest frequency v with 5 × (buyers below v) ≥ (k − 1) × N, null when none. */
    private static List<Integer> frequencyThresholds(List<Integer> frequency) {
        int n = frequency.size();
        List<Integer> thresholds = new ArrayList<>();
        for (int k = 2; k <= 5; k++) {
            Integer found = null;
            for (int v : frequency) {
                long before = frequency.stream().filter(x -> x < v).count();
                if (5 * before >= (long) (k - 1) * n && (found == null || v < found)) {
                    found = v;
                }
            }
            thresholds.add(found);
        }
        return thresholds;
    }

    /** The first eight of the thresholds' row: r's and f's, as a run computes them. */
    private static List<Integer> rAndFThresholds(boolean fromFacts) throws Exception {
        return ScoreThresholdsRow.columns(END, AS_OF, fromFacts, 1, 8, ResultSet::getInt);
    }

    private static void order(String customer, String orderId, Instant at, String total) {
        TestDatabase.execute("insert into orders (order_key, order_id, customer_key, ordered_at, total, line_count) select nextval('order_key_blocks'), '"
                + orderId + "', customer_key, '" + at + "', " + total + ", 1 from customers where customer_id = '" + customer + "'");
    }
}
