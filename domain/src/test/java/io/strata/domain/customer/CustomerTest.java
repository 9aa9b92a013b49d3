package io.strata.domain.customer;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** A customer's id, profile fields in their canonical forms, and custom attribute names. */
class CustomerTest {

    @Test
    void anIdIsOneToSixtyFourCharactersAndNeverBlank() {
        assertThat(new CustomerId("c").value()).isEqualTo("c");
        assertThat(new CustomerId("x".repeat(64))).hasToString("x".repeat(64));
        assertThatThrownBy(() -> new CustomerId("x".repeat(65))).isInstanceOf(InvalidCustomerData.class)
                .hasMessage("customer_id has 65 characters; at most 64 are allowed")
                .satisfies(e -> assertThat(((InvalidCustomerData) e).field()).isEqualTo("customer_id"));
        assertThatThrownBy(() -> new CustomerId("  ")).isInstanceOf(InvalidCustomerData.class).hasMessage("customer_id must not be empty")
                .satisfies(e -> assertThat(((InvalidCustomerData) e).value()).isEqualTo("  "));
        assertThatThrownBy(() -> new CustomerId(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void idsCompareByTheirText() {
        assertThat(new CustomerId("a").compareTo(new CustomerId("b"))).isNegative();
        assertThat(new CustomerId("b").compareTo(new CustomerId("a"))).isPositive();
        assertThat(new CustomerId("a").compareTo(new CustomerId("a"))).isZero();
    }

    @Test
    void profileValuesAreKeptInTheirCanonicalFormAnEmptyOneClearsItsFieldAndAbsentOnesAreLeftOut() {
        Map<ProfileField, String> profile = new LinkedHashMap<>();
        profile.put(ProfileField.BIRTH_DATE, " 1990-04-17 ");
        profile.put(ProfileField.EMAIL_OPT_IN, "TRUE");
        profile.put(ProfileField.SMS_OPT_IN, " False");
        profile.put(ProfileField.CITY, "Riga");
        profile.put(ProfileField.PHONE, "");
        profile.put(ProfileField.GENDER, null);
        Map<String, String> attributes = new HashMap<>();
        attributes.put("plan", "gold");
        attributes.put("tier", "");
        attributes.put("score", null);

        Customer customer = new Customer(new CustomerId("c1"), profile, attributes);

        // an empty cell stays as a null value (the import clears that field); a null value is no field at all
        assertThat(customer.profile()).containsExactly(entry(ProfileField.PHONE, null), entry(ProfileField.BIRTH_DATE, "1990-04-17"),
                entry(ProfileField.CITY, "Riga"), entry(ProfileField.EMAIL_OPT_IN, "true"), entry(ProfileField.SMS_OPT_IN, "false"));
        assertThat(customer.attributes()).containsExactly(entry("plan", "gold"));
        assertThat(customer.profileValue(ProfileField.CITY)).hasValue("Riga");
        assertThat(customer.profileValue(ProfileField.PHONE)).isEmpty();
        assertThat(customer.attribute("plan")).hasValue("gold");
        assertThat(customer.attribute("tier")).isEmpty();
        assertThatThrownBy(() -> customer.attributes().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> customer.profile().put(ProfileField.CITY, "Oslo")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(Customer.withoutAttributes(new CustomerId("c2"))).satisfies(c -> {
            assertThat(c.profile()).isEmpty();
            assertThat(c.attributes()).isEmpty();
        });
    }

    @Test
    void aTextFieldHasAMaximumLength() {
        assertThat(ProfileField.PHONE.canonical("1".repeat(64))).isEqualTo("1".repeat(64));
        assertThatThrownBy(() -> ProfileField.PHONE.canonical("1".repeat(65))).isInstanceOf(InvalidCustomerData.class)
                .hasMessage("phone has 65 characters; at most 64 are allowed");
        assertThat(ProfileField.EMAIL.canonical("e".repeat(320))).hasSize(320);
        assertThatThrownBy(() -> ProfileField.EMAIL.canonical("e".repeat(321))).isInstanceOf(InvalidCustomerData.class);
    }

    @Test
    void datesBooleansAndNumbersAreReadOrRefusedSayingHowToWriteThem() {
        assertThat(ProfileField.SIGNUP_DATE.canonical("2024-02-29")).isEqualTo("2024-02-29");
        assertThatThrownBy(() -> ProfileField.SIGNUP_DATE.canonical("29.02.2024")).isInstanceOf(InvalidCustomerData.class)
                .hasMessage("'29.02.2024' is not a date; write it as YYYY-MM-DD, e.g. 1990-04-17");
        assertThatThrownBy(() -> ProfileField.PUSH_OPT_IN.canonical("yes")).isInstanceOf(InvalidCustomerData.class)
                .hasMessage("'yes' is not a boolean; write true or false");
        assertThat(ProfileField.parseNumber("n", " 12.50 ")).isEqualByComparingTo("12.5").hasToString("12.50");
        assertThatThrownBy(() -> ProfileField.parseNumber("n", "12,5")).isInstanceOf(InvalidCustomerData.class)
                .hasMessage("'12,5' is not a number; write it like 1234.56");
        assertThat(ProfileField.CITY.canonical("")).isNull();
        assertThat(ProfileField.CITY.canonical(null)).isNull();
    }

    @Test
    void fieldsAreFoundByTheirColumnWithTheirType() {
        assertThat(ProfileField.byColumn("email_opt_in")).hasValue(ProfileField.EMAIL_OPT_IN);
        assertThat(ProfileField.byColumn("EMAIL")).isEmpty();
        assertThat(ProfileField.BIRTH_DATE.column()).isEqualTo("birth_date");
        assertThat(ProfileField.BIRTH_DATE.type()).isEqualTo(FieldType.DATE);
        assertThat(ProfileField.COUNTRY.type()).isEqualTo(FieldType.TEXT);
        assertThat(ProfileField.SMS_OPT_IN.type()).isEqualTo(FieldType.BOOLEAN);
    }

    @Test
    void attributeNamesAreLowerCaseIdentifiersThatAreNotProfileFields() {
        assertThat(CustomAttributeName.check("plan_2")).isEqualTo("plan_2");
        assertThat(CustomAttributeName.check("a" + "b".repeat(62))).hasSize(63);
        assertThat(CustomAttributeName.isValid("a" + "b".repeat(63))).isFalse();
        assertThat(CustomAttributeName.isValid("Plan")).isFalse();
        assertThat(CustomAttributeName.isValid("2plan")).isFalse();
        assertThat(CustomAttributeName.isValid(null)).isFalse();
        assertThat(CustomAttributeName.isValid("plan")).isTrue();
        assertThatThrownBy(() -> CustomAttributeName.check("Plan")).isInstanceOf(InvalidCustomerData.class)
                .hasMessage("attribute name 'Plan' is not allowed; use lower-case letters, digits and _ , starting with a letter (at most 63 characters)");
        assertThatThrownBy(() -> CustomAttributeName.check(null)).isInstanceOf(InvalidCustomerData.class)
                .satisfies(e -> assertThat(((InvalidCustomerData) e).field()).isEqualTo("null"));
        assertThatThrownBy(() -> CustomAttributeName.check("city")).isInstanceOf(InvalidCustomerData.class)
                .hasMessage("'city' is a profile field, not a custom attribute");
        assertThatThrownBy(() -> CustomAttributeName.check("customer_id")).isInstanceOf(InvalidCustomerData.class)
                .hasMessage("'customer_id' is a profile field, not a custom attribute");
        assertThatThrownBy(() -> new Customer(new CustomerId("c"), Map.of(), Map.of("Bad", "x"))).isInstanceOf(InvalidCustomerData.class);
    }
}
