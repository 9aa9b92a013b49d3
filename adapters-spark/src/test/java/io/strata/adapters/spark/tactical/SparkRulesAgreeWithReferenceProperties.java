package io.strata.adapters.spark.tactical;

import io.strata.adapters.persistence.tactical.RuleSubjectRows;
import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.adapters.spark.sink.RunTables;
import io.strata.adapters.spark.source.JdbcFacts;
import io.strata.adapters.spark.testing.LocalSpark;
import io.strata.application.tactical.MembershipRule;
import io.strata.domain.rule.CheckedRule;
import io.strata.domain.rule.HostileLiterals;
import io.strata.domain.rule.Rule;
import io.strata.domain.rule.RuleArbitraries;
import io.strata.domain.rule.RuleSubject;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tactical rule compiled to Spark and the domain's reference evaluator select the same customers, on the generators
 * that hold the PostgreSQL rule compiler to the reference (RuleArbitraries: every construct — profile, custom
 * attributes, metrics, scores, aggregates over order lines and events with windows and filters, and/or/not, presence,
 * in-lists; missing values, malformed stored text, window edges, times far from UTC, rounding ties; hostile literals).
 * Two segments per try, computed in one Spark job and stored as a run's memberships with their sizes.
 */
class SparkRulesAgreeWithReferenceProperties {

    @Provide
    Arbitrary<Rule> rules() {
        return withoutPredictions(RuleArbitraries.validRules());
    }

    @Provide
    Arbitrary<Rule> rulesWithHostileLiterals() {
        return withoutPredictions(HostileLiterals.validRulesWithHostileLiterals());
    }

    @Provide
    Arbitrary<Rule> averageRules() {
        return withoutPredictions(RuleArbitraries.averageRules());
    }

    /** Rules on predictions are refused by the Spark engine (SparkRefusesPredictionsTest), so they are not compared here. */
    private static Arbitrary<Rule> withoutPredictions(Arbitrary<Rule> rules) {
        return rules.filter(rule -> !RuleArbitraries.CATALOGUE.check(rule).namesPredictedFields());
    }

    @Provide
    Arbitrary<List<RuleSubject>> populations() {
        return RuleArbitraries.populations(40);
    }

    @Provide
    Arbitrary<List<RuleSubject>> populationsOfTies() {
        return RuleArbitraries.populationsOfTies(40);
    }

    @Property(tries = 20)
    void sparkSelectsExactlyTheCustomersTheReferenceMatches(@ForAll("rules") Rule first, @ForAll("rules") Rule second,
                                                           @ForAll("populations") List<RuleSubject> population) throws SQLException {
        assertSparkAgreesWithReference(List.of(RuleArbitraries.CATALOGUE.check(first), RuleArbitraries.CATALOGUE.check(second)), population);
    }

    @Property(tries = 6)
    void hostileLiteralsReachSparkAsValuesAndSelectWhatTheReferenceMatches(@ForAll("rulesWithHostileLiterals") Rule rule,
                                                                          @ForAll("populations") List<RuleSubject> population) throws SQLException {
        assertSparkAgreesWithReference(List.of(RuleArbitraries.CATALOGUE.check(Rule.parse(rule.toText()))), population);
    }

    @Property(tries = 5)
    void averagesOnTiesRoundAlikeOnSparkAndInTheReference(@ForAll("averageRules") Rule rule,
                                                          @ForAll("populationsOfTies") List<RuleSubject> population) throws SQLException {
        assertSparkAgreesWithReference(List.of(RuleArbitraries.CATALOGUE.check(rule)), population);
    }

    private static void assertSparkAgreesWithReference(List<CheckedRule> rules, List<RuleSubject> population) throws SQLException {
        RuleSubjectRows.load(population, RuleArbitraries.AS_OF);
        TestDatabase.execute("insert into tactical_segments (tactical_id, name, parent_segment, rule, status) values "
                + "(1, 'one', 'parent', 'x', 'ACTIVE'), (2, 'two', 'parent', 'x', 'ACTIVE') on conflict do nothing");
        List<MembershipRule> segments = new java.util.ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            segments.add(new MembershipRule(i + 1, "parent", rules.get(i)));
        }

        new SparkTacticalMembership(LocalSpark::forRun, new JdbcFacts(LocalSpark.database(), 2), LocalSpark.database(),
                new RunTables(LocalSpark.database()), null).assign(RuleSubjectRows.RUN, segments, RuleArbitraries.AS_OF);

        for (int i = 0; i < rules.size(); i++) {
            CheckedRule checked = rules.get(i);
            Set<String> expected = population.stream().filter(checked::matches).map(s -> s.history().id().value())
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(members(i + 1)).as("rule %s", checked.rule().toText()).isEqualTo(expected);
            assertThat(size(i + 1)).as("stored size of rule %s", checked.rule().toText()).isEqualTo(expected.size() + " of " + population.size());
        }
    }

    private static Set<String> members(long tacticalId) throws SQLException {
        Set<String> members = new TreeSet<>();
        try (Connection c = TestDatabase.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select c.customer_id from tactical_members m join customers c using (customer_key) "
                     + "where m.run_id = " + RuleSubjectRows.RUN + " and m.tactical_id = " + tacticalId)) {
            while (rs.next()) {
                members.add(rs.getString(1));
            }
        }
        return members;
    }

    private static String size(long tacticalId) throws SQLException {
        try (Connection c = TestDatabase.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select members, parent_customers from tactical_run_sizes where run_id = " + RuleSubjectRows.RUN
                     + " and tactical_id = " + tacticalId)) {
            return rs.next() ? rs.getLong(1) + " of " + rs.getLong(2) : "none";
        }
    }
}
