package io.strata.adapters.persistence.tactical;

import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.application.tactical.MembershipRule;
import io.strata.domain.rule.CheckedRule;
import io.strata.domain.rule.Rule;
import io.strata.domain.rule.RuleArbitraries;
import io.strata.domain.rule.RuleSubject;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run's tactical memberships are written by one statement for all its segments (issue 19 item 2). Whatever the
 * rules, each segment gets exactly the customers of its own parent that the domain's reference evaluator matches:
 * four segments, two of them in the same parent ({@code parent}), one with the same rule as the first in another parent
 * ({@code other}), the fourth in {@code other} too; every other customer (by key) is moved to {@code other}. Each
 * segment's parent size is the parent's customers, read from the run's summary when it has one, counted otherwise.
 * The statement asks the orders' categories of their masks (changeset 410, as previews do since session 35), with
 * every category given a bit, or with one bit left and a third of the masks unknown.
 */
class TacticalMembershipAgreesWithReferenceProperties {

    @Provide
    Arbitrary<Rule> rules() {
        return RuleArbitraries.validRules();
    }

    @Provide
    Arbitrary<List<RuleSubject>> populations() {
        return RuleArbitraries.populations(RuleSqlAgreesWithReferenceProperties.MAX_CUSTOMERS);
    }

    @Property(tries = 60)
    void oneStatementGivesEverySegmentExactlyTheMembersOfItsParentTheReferenceMatches(
            @ForAll("rules") Rule first, @ForAll("rules") Rule second, @ForAll("rules") Rule fourth,
            @ForAll("populations") List<RuleSubject> population, @ForAll boolean summarised, @ForAll boolean fewBits) throws SQLException {
        RuleSubjectRows.load(population, RuleArbitraries.AS_OF);
        if (fewBits) {
            // the orders' category masks with one bit left for the categories and a third of them unknown (changeset 410)
            RuleSubjectRows.categoryBitsMostlyGiven();
        }
        TestDatabase.execute("drop table if exists " + SqlTacticalMembership.partition(RuleSubjectRows.RUN));
        TestDatabase.execute("update run_assignments set segment_key = 'other' where run_id = " + RuleSubjectRows.RUN + " and customer_key % 2 = 0");
        TestDatabase.execute("delete from run_segments where run_id = " + RuleSubjectRows.RUN);
        if (summarised) {
            // the run's summary as the assignment writes it, with a segment of no customers beside them (the parents'
            // sizes are read from it); without one, the parents are counted in the run's rows
            TestDatabase.execute("insert into run_segments (run_id, segment_key, name, rank, customers, revenue, orders) "
                    + "select run_id, segment_key, segment_key, 1, count(*), 0, 0 from run_assignments where run_id = " + RuleSubjectRows.RUN
                    + " group by run_id, segment_key union all select " + RuleSubjectRows.RUN + ", 'empty', 'empty', 2, 0, 0, 0");
        }
        JdbcClient jdbc = JdbcClient.create(TestDatabase.dataSource());
        Map<String, String> parentOf = jdbc.sql("select c.customer_id, a.segment_key from run_assignments a join customers c using (customer_key) "
                + "where a.run_id = ?").param(RuleSubjectRows.RUN).query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list()
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        CheckedRule one = RuleArbitraries.CATALOGUE.check(first);
        CheckedRule two = RuleArbitraries.CATALOGUE.check(second);
        CheckedRule four = RuleArbitraries.CATALOGUE.check(fourth);
        List<MembershipRule> segments = List.of(
                new MembershipRule(tactical(jdbc, "parent"), "parent", one),
                new MembershipRule(tactical(jdbc, "parent"), "parent", two),
                new MembershipRule(tactical(jdbc, "other"), "other", one),
                new MembershipRule(tactical(jdbc, "other"), "other", four));

        membership(jdbc).assign(RuleSubjectRows.RUN, segments, RuleArbitraries.AS_OF);
        written(jdbc, population.size());

        Map<Long, Set<String>> expected = new TreeMap<>();
        Map<Long, Long> expectedSizes = new TreeMap<>();
        Map<Long, Long> expectedParents = new TreeMap<>();
        for (MembershipRule segment : segments) {
            expectedParents.put(segment.tacticalId(), parentOf.values().stream().filter(segment.parentSegment()::equals).count());
            expected.put(segment.tacticalId(), population.stream()
                    .filter(s -> segment.parentSegment().equals(parentOf.get(s.history().id().value())) && segment.rule().matches(s))
                    .map(s -> s.history().id().value()).collect(Collectors.toCollection(TreeSet::new)));
            expectedSizes.put(segment.tacticalId(), (long) expected.get(segment.tacticalId()).size());
        }
        Map<Long, Set<String>> actual = new TreeMap<>();
        segments.forEach(s -> actual.put(s.tacticalId(), new TreeSet<>()));
        jdbc.sql("select m.tactical_id, c.customer_id from tactical_members m join customers c using (customer_key) where m.run_id = ?")
                .param(RuleSubjectRows.RUN).query(rs -> {
                    actual.get(rs.getLong(1)).add(rs.getString(2));
                });
        assertThat(actual).isEqualTo(expected);
        Map<Long, Long> sizes = new TreeMap<>();
        Map<Long, Long> parents = new TreeMap<>();
        jdbc.sql("select tactical_id, members, parent_customers from tactical_run_sizes where run_id = ?").param(RuleSubjectRows.RUN)
                .query(rs -> {
                    sizes.put(rs.getLong(1), rs.getLong(2));
                    parents.put(rs.getLong(1), rs.getLong(3));
                });
        assertThat(sizes).isEqualTo(expectedSizes);
        assertThat(parents).isEqualTo(expectedParents);
    }

    /** The memberships under test. */
    SqlTacticalMembership membership(JdbcClient jdbc) {
        return new SqlTacticalMembership(jdbc, TestDatabase.dataSource());
    }

    /** How the run's memberships of {@code customers} customers were written: one table, whatever their rules. */
    void written(JdbcClient jdbc, int customers) {
        assertThat(jdbc.sql("select c.relkind::text from pg_class c where c.oid = to_regclass(?)")
                .param(SqlTacticalMembership.partition(RuleSubjectRows.RUN)).query(String.class).single()).isEqualTo("r");
    }

    private static long tactical(JdbcClient jdbc, String parent) {
        return jdbc.sql("insert into tactical_segments (name, parent_segment, rule, status) values ('t', ?, 'frequency >= 1', 'ACTIVE') "
                + "returning tactical_id").param(parent).query(Long.class).single();
    }
}
