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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tactical rules compiled to Spark and the domain's reference evaluator select the same customers, on the generators
 * that hold the PostgreSQL rule compiler to the reference (RuleArbitraries: every construct — profile, custom
 * attributes, metrics, scores, aggregates over order lines and events with windows and filters, and/or/not, presence,
 * in-lists; missing values, malformed stored text, window edges, times far from UTC, rounding ties; hostile literals).
 * A Spark job costs seconds where a PostgreSQL statement costs milliseconds, so each try puts 16 rules into one run's
 * tactical segments (one job, as a run computes all its tactical segments), 20 tries (320 rules) over up to 120 customers, three times the
 * PostgreSQL properties' 40, so that values equal to a rule's literal or on a window's edge are met more often per
 * rule; each rule's members and stored size are compared. Runs in the far-from-utc execution (JVM at UTC+14).
 */
class SparkRulesAgreeWithReferenceProperties {

    static final int RULES_PER_TRY = 16;
    static final int MAX_CUSTOMERS = 120;

    @Provide
    Arbitrary<List<Rule>> rules() {
        return withoutPredictions(RuleArbitraries.validRules()).list().ofSize(RULES_PER_TRY);
    }

    @Provide
    Arbitrary<List<Rule>> rulesWithHostileLiterals() {
        return withoutPredictions(HostileLiterals.validRulesWithHostileLiterals()).list().ofSize(RULES_PER_TRY);
    }

    @Provide
    Arbitrary<List<Rule>> averageRules() {
        return withoutPredictions(RuleArbitraries.averageRules()).list().ofSize(RULES_PER_TRY);
    }

    /** Rules on predictions are refused by the Spark engine (SparkRefusesPredictionsTest), so they are not compared here. */
    private static Arbitrary<Rule> withoutPredictions(Arbitrary<Rule> rules) {
        return rules.filter(rule -> !RuleArbitraries.CATALOGUE.check(rule).namesPredictedFields());
    }

    @Provide
    Arbitrary<List<RuleSubject>> populations() {
        return RuleArbitraries.populations(MAX_CUSTOMERS);
    }

    @Provide
    Arbitrary<List<RuleSubject>> populationsOfTies() {
        return RuleArbitraries.populationsOfTies(MAX_CUSTOMERS);
    }

    @Property(tries = 20)
    void sparkSelectsExactlyTheCustomersTheReferenceMatches(@ForAll("rules") List<Rule> rules,
                                                           @ForAll("populations") List<RuleSubject> population) throws SQLException {
        assertSparkAgreesWithReference(rules.stream().map(RuleArbitraries.CATALOGUE::check).toList(), population);
    }

    @Property(tries = 2)
    void hostileLiteralsReachSparkAsValuesAndSelectWhatTheReferenceMatches(@ForAll("rulesWithHostileLiterals") List<Rule> rules,
                                                                          @ForAll("populations") List<RuleSubject> population) throws SQLException {
        for (Rule rule : rules) {
            assertThat(Rule.parse(rule.toText())).isEqualTo(rule);
        }
        assertSparkAgreesWithReference(rules.stream().map(rule -> RuleArbitraries.CATALOGUE.check(Rule.parse(rule.toText()))).toList(),
                population);
    }

    @Property(tries = 2)
    void averagesOnTiesRoundAlikeOnSparkAndInTheReference(@ForAll("averageRules") List<Rule> rules,
                                                          @ForAll("populationsOfTies") List<RuleSubject> population) throws SQLException {
        assertSparkAgreesWithReference(rules.stream().map(RuleArbitraries.CATALOGUE::check).toList(), population);
    }

    private static void assertSparkAgreesWithReference(List<CheckedRule> rules, List<RuleSubject> population) throws SQLException {
        RuleSubjectRows.load(population, RuleArbitraries.AS_OF);
        TestDatabase.execute("insert into tactical_segments (tactical_id, name, parent_segment, rule, status) "
                + "select i, 'rule ' || i, 'parent', 'x', 'ACTIVE' from generate_series(1, " + rules.size() + ") i on conflict do nothing");
        List<MembershipRule> segments = new java.util.ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            segments.add(new MembershipRule(i + 1, "parent", rules.get(i)));
        }

        new SparkTacticalMembership(LocalSpark::forRun, new JdbcFacts(LocalSpark.database(), 2), LocalSpark.database(),
                new RunTables(LocalSpark.database()), null).assign(RuleSubjectRows.RUN, segments, RuleArbitraries.AS_OF);

        Map<Long, Set<String>> members = members();
        Map<Long, String> sizes = sizes();
        for (int i = 0; i < rules.size(); i++) {
            CheckedRule checked = rules.get(i);
            Set<String> expected = population.stream().filter(checked::matches).map(s -> s.history().id().value())
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(members.getOrDefault(i + 1L, Set.of())).as("rule %s", checked.rule().toText()).isEqualTo(expected);
            assertThat(sizes.get(i + 1L)).as("stored size of rule %s", checked.rule().toText()).isEqualTo(expected.size() + " of " + population.size());
        }
    }

    /** Every tactical segment's members in the run, by tactical id. */
    private static Map<Long, Set<String>> members() throws SQLException {
        Map<Long, Set<String>> members = new HashMap<>();
        try (Connection c = TestDatabase.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select m.tactical_id, c.customer_id from tactical_members m join customers c using (customer_key) "
                     + "where m.run_id = " + RuleSubjectRows.RUN)) {
            while (rs.next()) {
                members.computeIfAbsent(rs.getLong(1), id -> new TreeSet<>()).add(rs.getString(2));
            }
        }
        return members;
    }

    /** Every tactical segment's stored size, "members of parent customers". */
    private static Map<Long, String> sizes() throws SQLException {
        Map<Long, String> sizes = new HashMap<>();
        try (Connection c = TestDatabase.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select tactical_id, members, parent_customers from tactical_run_sizes where run_id = "
                     + RuleSubjectRows.RUN)) {
            while (rs.next()) {
                sizes.put(rs.getLong(1), rs.getLong(2) + " of " + rs.getLong(3));
            }
        }
        return sizes;
    }
}
