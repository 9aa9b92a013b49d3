package io.strata.domain.rule;

import io.strata.domain.customer.FieldType;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Completion knows where a string ends, escapes included, so a word inside text is never completed as a name. */
class RuleCompletionStringsTest {

    private static final FieldCatalogue CATALOGUE = new FieldCatalogue(Map.of("device", FieldType.TEXT), Map.of("session", Set.of("ip")));

    private static RuleCompletion.Suggestions at(String text) {
        return RuleCompletion.at(CATALOGUE, text);
    }

    @Test
    void aWordThatWouldMatchAFieldIsNotCompletedInsideAString() {
        assertThat(at("city = \"de").names()).isEmpty();
        assertThat(at("city = \"x\" and de").names()).containsExactly("device");
    }

    @Test
    void anEscapedQuoteDoesNotEndTheString() {
        assertThat(at("city = \"a\\\" de").names()).isEmpty();
        assertThat(at("city = \"a\\\"\" and de").names()).containsExactly("device");
    }

    @Test
    void anEscapedBackslashBeforeTheQuoteLetTheQuoteEndTheString() {
        assertThat(at("city = \"a\\\\\" and de").names()).containsExactly("device");
    }

    @Test
    void parenthesesInsideStringsDoNotOpenOrCloseAnAggregate() {
        assertThat(at("count(orders where category = \")\" and s").names()).containsExactly("sku");
        assertThat(at("count(orders where category = \"(\") >= 1 and de").names()).containsExactly("device");
        assertThat(at("count(orders where category = \"\\\")\" and s").names()).containsExactly("sku");
    }
}
