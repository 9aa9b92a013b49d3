package io.strata.application.imports;

import io.strata.domain.customer.CustomAttributeName;
import io.strata.domain.customer.ProfileField;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which columns of a customer file are custom attributes, and under which name: lower-case with '_' for
 * anything that is not a letter or digit, so that "Device Type" becomes {@code device_type}.
 */
final class AttributeColumns {

    static final String CUSTOMER_ID = "customer_id";

    private AttributeColumns() {
    }

    record Attribute(String column, String name) {
    }

    static String normalize(String column) {
        String name = column.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        return name;
    }

    /** The attributes of a header, or an explanation of why a column cannot be one. */
    static List<Attribute> of(List<String> columns, Set<String> reserved) {
        List<Attribute> attributes = new ArrayList<>();
        for (String column : columns) {
            if (column.equals(CUSTOMER_ID) || ProfileField.byColumn(column).isPresent() || reserved.contains(column)) {
                continue;
            }
            String name = normalize(column);
            if (!CustomAttributeName.isValid(name)) {
                throw new IllegalArgumentException("column '" + column + "' cannot name a custom attribute; use letters, digits and _ , starting with a letter (at most 63 characters)");
            }
            if (name.equals(CUSTOMER_ID) || ProfileField.byColumn(name).isPresent()) {
                throw new IllegalArgumentException("column '" + column + "' would be the attribute '" + name
                        + "', which is a profile field; name the column exactly " + name);
            }
            attributes.add(new Attribute(column, name));
        }
        return attributes;
    }
}
