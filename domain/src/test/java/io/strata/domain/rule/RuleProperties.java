package io.strata.domain.rule;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class RuleProperties {

    @Property
    void everyRulePrintsToTextThatParsesBackToAnEqualRule(@ForAll("anyRules") Rule rule) {
        Rule reparsed = Rule.parse(rule.toText());
        assertThat(reparsed).isEqualTo(rule);
        assertThat(reparsed.toText()).isEqualTo(rule.toText());
    }

    @Property
    void everyGeneratedValidRulePassesTheCatalogueAfterARoundTrip(@ForAll("validRules") Rule rule) {
        CheckedRule checked = RuleArbitraries.CATALOGUE.check(rule.toText());
        assertThat(checked.rule()).isEqualTo(rule);
    }

    @Property(tries = 500)
    void validRulesWithHostileLiteralsStillParseBackToTheSameRuleAndPassTheCatalogue(@ForAll("hostileLiteralRules") Rule rule) {
        Rule reparsed = Rule.parse(rule.toText());
        assertThat(reparsed).isEqualTo(rule);
        assertThat(RuleArbitraries.CATALOGUE.check(reparsed).rule()).isEqualTo(rule);
    }

    @Provide
    Arbitrary<Rule> hostileLiteralRules() {
        return HostileLiterals.validRulesWithHostileLiterals();
    }

    @Property
    void notIsTheExactNegationForEveryCustomer(@ForAll("validRules") Rule rule, @ForAll("subjects") RuleSubject subject) {
        CheckedRule checked = RuleArbitraries.CATALOGUE.check(rule);
        CheckedRule negated = RuleArbitraries.CATALOGUE.check(new Rule(new Condition.Not(rule.condition())));
        assertThat(negated.matches(subject)).isEqualTo(!checked.matches(subject));
    }

    @Property(tries = 1500)
    void hostileTextEndsInARuleErrorAndNothingElse(@ForAll("hostileTexts") String text) {
        assertThatCode(() -> {
            try {
                CheckedRule rule = RuleArbitraries.CATALOGUE.check(text);
                rule.matches(RuleArbitraries.subjects().sample());
            } catch (RuleError expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }).doesNotThrowAnyException();
    }

    @Provide
    Arbitrary<Rule> anyRules() {
        return RuleArbitraries.anyRules();
    }

    @Provide
    Arbitrary<Rule> validRules() {
        return RuleArbitraries.validRules();
    }

    @Provide
    Arbitrary<RuleSubject> subjects() {
        return RuleArbitraries.subjects();
    }

    @Provide
    Arbitrary<String> hostileTexts() {
        Arbitrary<String> pieces = Arbitraries.of("(", ")", "\"", "\\", "`", ";", "--", "/*", "*/", "'", " ", "\n", "and", "or",
                "not", "in", "is", "null", "between", "count(", "orders", "events", "\"session\"", ".", ",", "where", "within",
                "days", "ago", "=", "!=", "<=", ">", "-", "3", "-1.5", "1e9", "99999999999", "frequency", "city", "device",
                "\"x\"", "\\u00", "\\uZZZZ", "\\uD800", "\\uDCFA", "\\uD83D\\uDCFA",
                "é", "\uD83D\uDE00", "\uD800", "\u0000", "true", "DROP TABLE", "$1", "%", "r", "f");
        Arbitrary<String> joined = pieces.list().ofMaxSize(40).map(list -> String.join("", list));
        Arbitrary<String> spaced = pieces.list().ofMaxSize(40).map(list -> String.join(" ", list));
        Arbitrary<String> mutatedValid = RuleArbitraries.validRules().map(Rule::toText)
                .flatMap(text -> Arbitraries.integers().between(0, text.length()).flatMap(cut ->
                        pieces.map(piece -> text.substring(0, cut) + piece + text.substring(cut))));
        Arbitrary<String> deep = Arbitraries.of(
                "(".repeat(10_000), "not ".repeat(3_000), "(".repeat(5_000) + "a = 1" + ")".repeat(5_000),
                "count(orders where " .repeat(2_000), "a in (" + "1,".repeat(5_000) + "1)", "x".repeat(20_000),
                "\"" + "a".repeat(10_000), "a = 1 and ".repeat(1_500) + "a = 1");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, joined), net.jqwik.api.Tuple.of(3, spaced), net.jqwik.api.Tuple.of(3, mutatedValid),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().all().ofMaxLength(60)),
                net.jqwik.api.Tuple.of(1, deep));
    }
}
