package io.strata.adapters.persistence.tactical;

import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.application.tactical.MembershipRule;
import io.strata.domain.customer.Customer;
import io.strata.domain.customer.CustomerId;
import io.strata.domain.customer.ProfileField;
import io.strata.domain.history.CustomerHistory;
import io.strata.domain.ordering.OrderLine;
import io.strata.domain.rule.CheckedRule;
import io.strata.domain.rule.RuleArbitraries;
import io.strata.domain.rule.RuleSubject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A half of a run's tactical memberships ({@link SqlTacticalMembership#fill} with a key range) against members worked
 * out by hand, on eight customers, as of 2024-06-30 (a 10-day window opens at 2024-06-20): shared passes over two
 * parents ({@code parent}, {@code other}; S2 with S3, S4 with S5), and rules that read the customer's row and have a
 * subquery (S1, S6-S9), where a row part tested on the wrong customers or a subquery on the wrong member shows. Written
 * in session 43 for a trial of other shapes of the halves' statement (not merged, branch s43-members); it holds for any
 * shape.
 * Each customer has one order of one line of 10 (so a frequency of 1): {@code tvKids} (smart_tv, Riga, kids,
 * 2024-06-25), {@code tvHome} (smart_tv, Paris, home, 06-25), {@code webKids} (web, Riga, kids, 06-25), {@code noDevice}
 * (no device, Berlin, kids, 06-25), {@code emptyDevice} (device "" in its stored attributes, Riga, kids, 06-25), {@code tvOldKids} (smart_tv,
 * Riga, kids, 2024-05-01: before the window), {@code tvBerlin} (smart_tv, Berlin, kids, 06-29), {@code mobile}
 * (mobile, Paris, kids, 06-28). Parents: {@code other} holds tvHome, noDevice and tvBerlin, {@code parent} the rest.
 * The same members are asserted with the memberships in halves and in one table, and the reference evaluator must
 * agree with every one of them.
 */
class TacticalMembershipInHalvesShapesTest {

    private static final LocalDate AS_OF = LocalDate.parse("2024-06-30");

    private static final List<RuleSubject> POPULATION = List.of(
            subject("tvKids", "smart_tv", "Riga", "2024-06-25T12:00:00Z", "kids"),
            subject("tvHome", "smart_tv", "Paris", "2024-06-25T12:00:00Z", "home"),
            subject("webKids", "web", "Riga", "2024-06-25T12:00:00Z", "kids"),
            subject("noDevice", null, "Berlin", "2024-06-25T12:00:00Z", "kids"),
            subject("emptyDevice", "", "Riga", "2024-06-25T12:00:00Z", "kids"),
            subject("tvOldKids", "smart_tv", "Riga", "2024-05-01T12:00:00Z", "kids"),
            subject("tvBerlin", "smart_tv", "Berlin", "2024-06-29T12:00:00Z", "kids"),
            subject("mobile", "mobile", "Paris", "2024-06-28T12:00:00Z", "kids"));

    private static final List<String> OTHER = List.of("tvHome", "noDevice", "tvBerlin");

    /** Segment name, parent, rule, members worked out by hand. */
    private static final List<List<String>> SEGMENTS = List.of(
            List.of("S1", "parent", "count(orders where category = \"kids\" within 10 days) >= 1 and device = \"smart_tv\"", "tvKids"),
            List.of("S2", "other", "city in (\"Paris\", \"Riga\") and frequency >= 1", "tvHome"),
            List.of("S3", "parent", "not (device = \"web\") and frequency >= 1", "emptyDevice mobile tvKids tvOldKids"),
            List.of("S4", "parent", "city = \"Berlin\" or device = \"mobile\"", "mobile"),
            List.of("S5", "other", "device = \"smart_tv\"", "tvBerlin tvHome"),
            List.of("S6", "other", "sum(orders.amount within 10 days) > 5 and not (device = \"web\")", "noDevice tvBerlin tvHome"),
            List.of("S7", "parent", "count(orders where category = \"kids\" within 10 days) >= 1 and (device = \"smart_tv\" or city = \"Berlin\")", "tvKids"),
            List.of("S8", "other", "frequency >= 1 and device = \"smart_tv\" and count(orders within 10 days) >= 1", "tvBerlin tvHome"),
            List.of("S9", "parent", "count(orders where category = \"kids\" within 10 days) = 0 and city = \"Riga\"", "tvOldKids"));

    @BeforeEach
    void load() throws SQLException {
        RuleSubjectRows.load(POPULATION, AS_OF);
        TestDatabase.execute("update run_assignments a set segment_key = 'other' from customers c where c.customer_key = a.customer_key "
                + "and a.run_id = " + RuleSubjectRows.RUN + " and c.customer_id in ('" + String.join("', '", OTHER) + "')");
        // an empty text is stored as an import may store it; a rule reads it as missing, as the reference does
        TestDatabase.execute("update customers set attributes = '{\"device\": \"\"}' where customer_id = 'emptyDevice'");
        TestDatabase.execute("drop table if exists " + SqlTacticalMembership.partition(RuleSubjectRows.RUN));
    }

    @ParameterizedTest(name = "in halves: {0}")
    @ValueSource(booleans = {true, false})
    void everySegmentGetsTheMembersWorkedOutByHand(boolean inHalves) {
        JdbcClient jdbc = JdbcClient.create(TestDatabase.dataSource());
        Map<Long, String> names = new LinkedHashMap<>();
        Map<String, String> expected = new TreeMap<>();
        List<MembershipRule> segments = new ArrayList<>();
        for (List<String> segment : SEGMENTS) {
            CheckedRule rule = RuleArbitraries.CATALOGUE.check(segment.get(2));
            long id = jdbc.sql("insert into tactical_segments (name, parent_segment, rule, status) values (?, ?, ?, 'ACTIVE') returning tactical_id")
                    .params(segment.get(0), segment.get(1), segment.get(2)).query(Long.class).single();
            names.put(id, segment.get(0));
            expected.put(segment.get(0), segment.get(3));
            segments.add(new MembershipRule(id, segment.get(1), rule));
            String reference = String.join(" ", POPULATION.stream()
                    .filter(s -> segment.get(1).equals(OTHER.contains(s.history().id().value()) ? "other" : "parent") && rule.matches(s))
                    .map(s -> s.history().id().value()).sorted().toList());
            assertThat(reference).as("reference evaluator, " + segment.get(0)).isEqualTo(segment.get(3));
        }

        new SqlTacticalMembership(jdbc, TestDatabase.dataSource(), inHalves ? 0 : SqlTacticalMembership.HALVES_FROM)
                .assign(RuleSubjectRows.RUN, segments, AS_OF);

        Map<String, List<String>> members = new TreeMap<>();
        names.values().forEach(name -> members.put(name, new ArrayList<>()));
        jdbc.sql("select m.tactical_id, c.customer_id from tactical_members m join customers c using (customer_key) where m.run_id = ? "
                + "order by c.customer_id").param(RuleSubjectRows.RUN).query(rs -> {
                    members.get(names.get(rs.getLong(1))).add(rs.getString(2));
                });
        Map<String, String> actual = new TreeMap<>();
        members.forEach((name, ids) -> actual.put(name, String.join(" ", ids)));
        assertThat(actual).isEqualTo(expected);
        Map<String, Long> sizes = new HashMap<>();
        jdbc.sql("select tactical_id, members from tactical_run_sizes where run_id = ?").param(RuleSubjectRows.RUN)
                .query(rs -> {
                    sizes.put(names.get(rs.getLong(1)), rs.getLong(2));
                });
        expected.forEach((name, ids) -> assertThat(sizes.get(name)).as("size of " + name).isEqualTo(ids.isEmpty() ? 0 : ids.split(" ").length));
        assertThat(jdbc.sql("select count(*) from pg_partition_tree(?::regclass)").param(SqlTacticalMembership.partition(RuleSubjectRows.RUN))
                .query(Long.class).single()).isEqualTo(inHalves ? 3 : 1);
    }

    /** One order of one line of 10 at {@code at}; {@code device} null: no such attribute. */
    private static RuleSubject subject(String id, String device, String city, String at, String category) {
        CustomerId customerId = new CustomerId(id);
        Map<String, String> attributes = device == null ? Map.of() : Map.of("device", device);
        List<OrderLine> lines = List.of(new OrderLine(id + "-o", customerId, Instant.parse(at), BigDecimal.TEN, BigDecimal.ONE, category, null, "web"));
        return RuleSubject.of(new CustomerHistory(new Customer(customerId, Map.of(ProfileField.CITY, city), attributes), lines, List.of()), AS_OF, 3, 3, 3);
    }
}
