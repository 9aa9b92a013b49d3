package io.strata.domain.rule;

import io.strata.domain.customer.FieldType;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RuleCompletionTest {

    private static final FieldCatalogue CATALOGUE = new FieldCatalogue(Map.of("device", FieldType.TEXT, "plan", FieldType.TEXT),
            Map.of("session", Set.of("ip", "app_version"), "email_open", Set.of("campaign"), "email_click", Set.of()));

    private static RuleCompletion.Suggestions at(String text) {
        return RuleCompletion.at(CATALOGUE, text);
    }

    @Test
    void aNameAtCustomerLevelCompletesToFieldsAndAggregateOpenings() {
        assertThat(at("city = \"Riga\" and de").prefix()).isEqualTo("de");
        assertThat(at("city = \"Riga\" and de").names()).containsExactly("device");
        assertThat(at("co").names()).contains("country", "count(");
        assertThat(at("frequency >= 3 and p").names()).contains("phone", "plan");
    }

    @Test
    void insideEventsTheTypesSeenAreOffered() {
        assertThat(at("count(events \"email_").names()).containsExactly("email_click", "email_open");
        assertThat(at("count(events \"email_").prefix()).isEqualTo("email_");
    }

    @Test
    void afterAnEventTypeItsPropertiesAreOffered() {
        assertThat(at("distinct(events \"session\".").names()).containsExactly("app_version", "ip");
        assertThat(at("distinct(events \"session\".i").names()).containsExactly("ip");
    }

    @Test
    void afterOrdersAndInAnOrdersWhereTheLineFieldsAreOffered() {
        assertThat(at("sum(orders.am").names()).containsExactly("amount");
        assertThat(at("count(orders where ca").names()).containsExactly("category");
        assertThat(at("count(orders where category = \"kids\" and s").names()).containsExactly("sku");
    }

    @Test
    void inAnEventsWhereThatEventsPropertiesAreOffered() {
        assertThat(at("count(events \"email_open\" where c").names()).containsExactly("campaign");
    }

    @Test
    void afterAClosedAggregateCustomerFieldsComeBack() {
        assertThat(at("count(orders where category = \"kids\") >= 1 and de").names()).containsExactly("device");
    }

    @Test
    void nothingIsOfferedInsideAStringOrWithoutAWord() {
        assertThat(at("city = \"Ri").names()).isEmpty();
        assertThat(at("city = ").names()).isEmpty();
        assertThat(at("").names()).isEmpty();
    }
}
