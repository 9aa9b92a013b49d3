package io.strata.adapters.persistence.imports;

import io.strata.domain.customer.FieldType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AttributeTypesTest {

    @Test
    void eachAttributeGetsTheNarrowestTypeAllItsValuesFit() {
        AttributeTypes types = new AttributeTypes();
        types.see("vip", "true");
        types.see("vip", "false");
        types.see("score", "12");
        types.see("score", "-0.5");
        types.see("first_visit", "2024-02-30");
        types.see("flag", "true");
        types.see("flag", "1");
        types.see("device", "ios");
        types.see("mixed", "2024-01-01");
        types.see("mixed", "7");

        assertThat(types.inferred()).containsExactly(
                Map.entry("vip", FieldType.BOOLEAN), Map.entry("score", FieldType.NUMBER),
                Map.entry("first_visit", FieldType.DATE), Map.entry("flag", FieldType.TEXT),
                Map.entry("device", FieldType.TEXT), Map.entry("mixed", FieldType.TEXT));
    }

    @Test
    void numbersHaveOneToFifteenDigitsBeforeAnOptionalFraction() {
        assertThat(AttributeTypes.isNumber("0")).isTrue();
        assertThat(AttributeTypes.isNumber("-123456789012345.25")).isTrue();
        assertThat(AttributeTypes.isNumber("1234567890123456")).isFalse();
        assertThat(AttributeTypes.isNumber("-")).isFalse();
        assertThat(AttributeTypes.isNumber("1.")).isFalse();
        assertThat(AttributeTypes.isNumber(".5")).isFalse();
        assertThat(AttributeTypes.isNumber("1e5")).isFalse();
        assertThat(AttributeTypes.isNumber("+1")).isFalse();
        assertThat(AttributeTypes.isNumber("TRUE")).isFalse();
    }

    @Test
    void datesAreYearMonthDayByShape() {
        assertThat(AttributeTypes.isDateShape("2024-03-01")).isTrue();
        assertThat(AttributeTypes.isDateShape("2024-3-01")).isFalse();
        assertThat(AttributeTypes.isDateShape("2024/03/01")).isFalse();
        assertThat(AttributeTypes.isDateShape("20240301xx")).isFalse();
    }
}
