package io.strata.domain.rule;

import io.strata.domain.customer.FieldType;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Where a text value is being typed, which field's values fit there, and which values a finished rule looks for. */
class ValueSlotTest {

    private static final FieldCatalogue CATALOGUE = new FieldCatalogue(Map.of("device", FieldType.TEXT, "visits", FieldType.NUMBER),
            Map.of("session", Set.of("ip"), "email_open", Set.of("campaign")));

    private static Optional<ValueSlot> at(String beforeCursor) {
        return RuleCompletion.valueAt(CATALOGUE, beforeCursor).map(RuleCompletion.ValueAt::slot);
    }

    @Test
    void aProfileFieldComparedWithATextBeingTypedIsACustomerValueSlot() {
        assertThat(at("city = \"Ri")).contains(new ValueSlot(ValueSlot.Kind.PROFILE, "city", null, "Ri"));
        assertThat(at("frequency > 2 and city != \"")).contains(new ValueSlot(ValueSlot.Kind.PROFILE, "city", null, ""));
        assertThat(at("city in (\"Riga\", \"Ta")).contains(new ValueSlot(ValueSlot.Kind.PROFILE, "city", null, "Ta"));
    }

    @Test
    void aCustomTextAttributeIsAnAttributeSlotAndANumberAttributeIsNone() {
        assertThat(at("device = \"smart")).contains(new ValueSlot(ValueSlot.Kind.ATTRIBUTE, "device", null, "smart"));
        assertThat(at("visits = \"3")).isEmpty();
    }

    @Test
    void insideAnAggregatesWhereTheFieldIsTheSourcesField() {
        assertThat(at("count(orders where category = \"ki")).contains(new ValueSlot(ValueSlot.Kind.ORDER_LINE, "category", null, "ki"));
        assertThat(at("count(events \"email_open\" where campaign = \"sp"))
                .contains(new ValueSlot(ValueSlot.Kind.EVENT_PROPERTY, "campaign", "email_open", "sp"));
        assertThat(at("count(events \"ses")).contains(new ValueSlot(ValueSlot.Kind.EVENT_TYPE, "event_type", null, "ses"));
    }

    @Test
    void outsideAStringOrAfterAClosedOneThereIsNoValueSlot() {
        assertThat(at("city = \"Riga\" and ")).isEmpty();
        assertThat(at("city = ")).isEmpty();
        assertThat(at("city = \"Riga\"")).isEmpty();
    }

    @Test
    void anEscapedQuoteIsPartOfTheValueAndTheCompletionEscapesItAgain() {
        assertThat(at("city = \"O\\\"Br")).contains(new ValueSlot(ValueSlot.Kind.PROFILE, "city", null, "O\"Br"));
        assertThat(new ValueSlot(ValueSlot.Kind.PROFILE, "city", null, "").completion("O\"Brien")).isEqualTo("O\\\"Brien\"");
        assertThat(new ValueSlot(ValueSlot.Kind.EVENT_TYPE, "event_type", null, "").completion("session")).isEqualTo("session");
    }

    @Test
    void aRuleLooksForItsEqualityAndListTextsAndItsEventTypesButNotForFragments() {
        CheckedRule rule = CATALOGUE.check("city = \"Riga\" and device in (\"tv\", \"phone\") and email contains \"@x\""
                + " and count(orders where category = \"kids\") >= 1 and count(events \"session\") = 0");

        assertThat(RuleTextValues.of(rule)).containsExactly(
                new ValueSlot(ValueSlot.Kind.PROFILE, "city", null, "Riga"),
                new ValueSlot(ValueSlot.Kind.ATTRIBUTE, "device", null, "tv"),
                new ValueSlot(ValueSlot.Kind.ATTRIBUTE, "device", null, "phone"),
                new ValueSlot(ValueSlot.Kind.ORDER_LINE, "category", null, "kids"),
                new ValueSlot(ValueSlot.Kind.EVENT_TYPE, "event_type", null, "session"));
    }
}
