package io.strata.domain.customer;

import java.util.regex.Pattern;

/** Names of custom attributes: lower-case identifiers, so that rules can name them without quoting. */
public final class CustomAttributeName {

    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private CustomAttributeName() {
    }

    public static String check(String name) {
        if (name == null || !VALID.matcher(name).matches()) {
            throw new InvalidCustomerData(String.valueOf(name), null,
                    "attribute name '" + name + "' is not allowed; use lower-case letters, digits and _ , starting with a letter (at most 63 characters)");
        }
        if (ProfileField.byColumn(name).isPresent() || "customer_id".equals(name)) {
            throw new InvalidCustomerData(name, null, "'" + name + "' is a profile field, not a custom attribute");
        }
        return name;
    }

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }
}
