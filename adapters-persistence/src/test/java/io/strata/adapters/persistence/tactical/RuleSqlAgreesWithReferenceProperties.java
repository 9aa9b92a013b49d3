package io.strata.adapters.persistence.tactical;

import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.application.tactical.Preview;
import io.strata.domain.rule.CheckedRule;
import io.strata.domain.rule.HostileLiterals;
import io.strata.domain.rule.Rule;
import io.strata.domain.rule.RuleArbitraries;
import io.strata.domain.rule.RuleSubject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQL a rule compiles to and the domain's reference evaluator select the same customers, for random valid rules
 * over populations of up to 40 random customers (missing values, malformed and hostile stored text, window edges,
 * times far from UTC, returns, events with properties), in each of its compiled forms: the rule's own (rule-based
 * segments), the preview's, and a run's memberships' ({@link RuleSql#membersOf}), which a preview's sample and count read too
 * (checked through {@link SqlTacticalMembership#preview} itself).
 */
class RuleSqlAgreesWithReferenceProperties {

    /** Customers per try: enough that most rules select some and leave out others, few enough for hundreds of tries. */
    static final int MAX_CUSTOMERS = 40;

    @Provide
    Arbitrary<Rule> rules() {
        return RuleArbitraries.validRules();
    }

    @Provide
    Arbitrary<Rule> rulesWithHostileLiterals() {
        return HostileLiterals.validRulesWithHostileLiterals();
    }

    @Provide
    Arbitrary<List<RuleSubject>> populations() {
        return RuleArbitraries.populations(MAX_CUSTOMERS);
    }

    @Property(tries = 250)
    void sqlSelectsExactlyTheCustomersTheReferenceMatches(@ForAll("rules") Rule rule, @ForAll("populations") List<RuleSubject> population)
            throws SQLException {
        assertSqlAgreesWithReference(RuleArbitraries.CATALOGUE.check(rule), population);
    }

    /**
     * Only the literals differ from a valid rule: quotes, LIKE wildcards, backslashes, an injection, non-ASCII and an
     * emoji, often equal to stored values. The rule's text must parse back to it, and its literals must reach the SQL
     * as values, never as SQL or patterns.
     */
    @Property(tries = 150)
    void rulesWhoseLiteralsAreHostileStillParseAndSelectWhatTheReferenceMatches(@ForAll("rulesWithHostileLiterals") Rule rule,
                                                                               @ForAll("populations") List<RuleSubject> population)
            throws SQLException {
        Rule parsed = Rule.parse(rule.toText());
        assertThat(parsed).isEqualTo(rule);
        assertSqlAgreesWithReference(RuleArbitraries.CATALOGUE.check(parsed), population);
    }

    @Provide
    Arbitrary<Rule> averageRules() {
        return RuleArbitraries.averageRules();
    }

    @Provide
    Arbitrary<List<RuleSubject>> populationsOfTies() {
        return RuleArbitraries.populationsOfTies(MAX_CUSTOMERS);
    }

    /** Averages that fall exactly between two 4-place values round alike (half-up) in SQL and in the reference. */
    @Property(tries = 60)
    void averagesOnTiesSelectWhatTheReferenceMatches(@ForAll("averageRules") Rule rule,
                                                     @ForAll("populationsOfTies") List<RuleSubject> population) throws SQLException {
        assertSqlAgreesWithReference(RuleArbitraries.CATALOGUE.check(rule), population);
    }

    /**
     * Rules of two or three order aggregates: counts and sums of orders, counts of orders with a line of some
     * categories, each with its own window or none, compared with small values (0 for a customer without orders), joined
     * by and, or and not. Random rules seldom hold two of them; a form that shares one scan of the orders between them
     * (session 32 tried one grouped join over the widest window) must keep each aggregate's own window.
     */
    @Provide
    Arbitrary<Rule> orderAggregateRules() {
        Arbitrary<String> windows = Arbitraries.of("", " within 0 days", " within 1 days", " within 30 days", " within 90 days", " within 365 days");
        Arbitrary<String> aggregates = Combinators.combine(Arbitraries.of("count(orders", "sum(orders.amount",
                "count(orders where category = \"kids\"", "count(orders where category in (\"toys\", \"50%_off\")"), windows)
                .as((aggregate, window) -> aggregate + window + ")");
        Arbitrary<String> predicates = Combinators.combine(aggregates, Arbitraries.of("=", "!=", "<", "<=", ">", ">="),
                Arbitraries.of("0", "1", "2", "3", "50", "100.5", "-1")).as((aggregate, op, value) -> aggregate + " " + op + " " + value);
        Arbitrary<String> maybeNegated = Combinators.combine(Arbitraries.of(true, false), predicates).as((not, p) -> not ? "not (" + p + ")" : p);
        return Combinators.combine(maybeNegated.list().ofMinSize(2).ofMaxSize(3), Arbitraries.of(" and ", " or "))
                .as((parts, joiner) -> Rule.parse(String.join(joiner, parts)));
    }

    @Property(tries = 120)
    void severalOrderAggregatesOfDifferentWindowsSelectWhatTheReferenceMatches(@ForAll("orderAggregateRules") Rule rule,
                                                                              @ForAll("populations") List<RuleSubject> population)
            throws SQLException {
        assertSqlAgreesWithReference(RuleArbitraries.CATALOGUE.check(rule), population);
    }

    private static void assertSqlAgreesWithReference(CheckedRule checked, List<RuleSubject> population) throws SQLException {
        Set<String> expected = population.stream().filter(checked::matches).map(s -> s.history().id().value())
                .collect(Collectors.toCollection(TreeSet::new));

        RuleSubjectRows.load(population, RuleArbitraries.AS_OF);
        Set<String> actual = RuleSubjectRows.members(checked, RuleArbitraries.AS_OF);
        // the preview's form: predicted fields read the run by its id (a bind parameter) rather than by a.run_id
        Set<String> previewed = RuleSubjectRows.members(RuleSql.compile(checked, RuleArbitraries.AS_OF, RuleSubjectRows.RUN));

        assertThat(actual).as("rule %s", checked.rule().toText()).isEqualTo(expected);
        assertThat(previewed).as("rule %s, previewed", checked.rule().toText()).isEqualTo(expected);
        // the tactical memberships' form (RuleSql.membersOf)
        assertThat(RuleSubjectRows.membersOfParent(checked, RuleArbitraries.AS_OF)).as("rule %s, as a run's memberships", checked.rule().toText())
                .isEqualTo(expected);
        // as a run's memberships ask an "at least one" conjunct: once for all the parent's members (RuleSql.membersWithSome)
        assertThat(RuleSubjectRows.membersOfParent(checked, RuleArbitraries.AS_OF, true))
                .as("rule %s, as a run's memberships, at least one asked of all members at once", checked.rule().toText()).isEqualTo(expected);
        // the preview itself: with a sample smaller than the matches its count statement runs, with a larger one the
        // sample is every match
        SqlTacticalMembership membership = new SqlTacticalMembership(JdbcClient.create(TestDatabase.dataSource()), TestDatabase.dataSource());
        Preview small = membership.preview(RuleSubjectRows.RUN, "parent", checked, RuleArbitraries.AS_OF, 2);
        Preview whole = membership.preview(RuleSubjectRows.RUN, "parent", checked, RuleArbitraries.AS_OF, MAX_CUSTOMERS + 1);
        assertThat(small.matching()).as("rule %s, previewed with a sample of 2", checked.rule().toText()).isEqualTo(expected.size());
        assertThat(expected).as("rule %s, the sample of 2", checked.rule().toText()).containsAll(small.sample());
        assertThat(small.sample()).hasSize(Math.min(2, expected.size()));
        assertThat(whole.matching()).as("rule %s, previewed with a sample of all", checked.rule().toText()).isEqualTo(expected.size());
        assertThat(new TreeSet<>(whole.sample())).as("rule %s, the sample of all", checked.rule().toText()).isEqualTo(expected);

        // the members' form reads the orders' category masks (changeset 410): again with one bit left for the
        // categories (the others' orders marked as having a category without a bit) and a third of the masks unknown
        RuleSubjectRows.categoryBitsMostlyGiven();
        assertThat(RuleSubjectRows.membersOfParent(checked, RuleArbitraries.AS_OF))
                .as("rule %s, as a run's memberships, one bit left and a third of the masks unknown", checked.rule().toText()).isEqualTo(expected);
        assertThat(RuleSubjectRows.membersOfParent(checked, RuleArbitraries.AS_OF, true))
                .as("rule %s, as a run's memberships asking all members at once, one bit left and a third of the masks unknown", checked.rule().toText())
                .isEqualTo(expected);
        assertThat(membership.preview(RuleSubjectRows.RUN, "parent", checked, RuleArbitraries.AS_OF, 2).matching())
                .as("rule %s, previewed, one bit left and a third of the masks unknown", checked.rule().toText()).isEqualTo(expected.size());
    }
}
