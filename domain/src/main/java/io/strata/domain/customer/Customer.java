package io.strata.domain.customer;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A customer as the company knows it: the contract's profile fields plus custom attributes
 * (every other column an import carried). Values are kept in their canonical text form.
 */
public record Customer(CustomerId id, Map<ProfileField, String> profile, Map<String, String> attributes) {

    public Customer {
        Objects.requireNonNull(id, "id");
        EnumMap<ProfileField, String> checked = new EnumMap<>(ProfileField.class);
        profile.forEach((field, value) -> {
            if (value != null) {
                checked.put(field, field.canonical(value));
            }
        });
        profile = Collections.unmodifiableMap(checked);
        TreeMap<String, String> attrs = new TreeMap<>();
        attributes.forEach((name, value) -> {
            CustomAttributeName.check(name);
            if (value != null && !value.isEmpty()) {
                attrs.put(name, value);
            }
        });
        attributes = Collections.unmodifiableMap(attrs);
    }

    public static Customer withoutAttributes(CustomerId id) {
        return new Customer(id, Map.of(), Map.of());
    }

    public Optional<String> profileValue(ProfileField field) {
        return Optional.ofNullable(profile.get(field));
    }

    public Optional<String> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }
}
