package io.strata.application.imports;

import io.strata.domain.customer.ProfileField;

import java.util.Map;

/**
 * A validated customer row: the profile fields the row carries ({@code present}, a bit per
 * {@link ProfileField#ordinal()}) in canonical text, {@code null} clearing a field; attributes likewise,
 * a {@code null} value clearing that attribute.
 */
public record CustomerUpsert(long line, String customerId, String[] profile, int present, Map<String, String> attributes) {

    public boolean carries(ProfileField field) {
        return (present & (1 << field.ordinal())) != 0;
    }
}
