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
 * ({@code other}), the fourth in {@code other} too; every other customer (by key) is moved to {@code other}.
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
            @ForAll("populations") List<RuleSubject> population) throws SQLException {
        RuleSubjectRows.load(population, RuleArbitraries.AS_OF);
        TestDatabase.execute("drop table if exists " + SqlTacticalMembership.partition(RuleSubjectRows.RUN));
        TestDatabase.execute("update run_assignments set segment_key = 'other' where run_id = " + RuleSubjectRows.RUN + " and customer_key % 2 = 0");
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

        new SqlTacticalMembership(jdbc, TestDatabase.dataSource()).assign(RuleSubjectRows.RUN, segments, RuleArbitraries.AS_OF);

        Map<Long, Set<String>> expected = new TreeMap<>();
        Map<Long, Long> expectedSizes = new TreeMap<>();
        for (MembershipRule segment : segments) {
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
        jdbc.sql("select tactical_id, members from tactical_run_sizes where run_id = ?").param(RuleSubjectRows.RUN)
                .query(rs -> {
                    sizes.put(rs.getLong(1), rs.getLong(2));
                });
        assertThat(sizes).isEqualTo(expectedSizes);
    }

    private static long tactical(JdbcClient jdbc, String parent) {
        return jdbc.sql("insert into tactical_segments (name, parent_segment, rule, status) values ('t', ?, 'frequency >= 1', 'ACTIVE') "
                + "returning tactical_id").param(parent).query(Long.class).single();
    }
}
