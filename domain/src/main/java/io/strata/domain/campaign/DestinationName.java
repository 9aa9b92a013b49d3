package io.strata.domain.campaign;

import io.strata.domain.text.PlainText;

import java.util.regex.Pattern;

/**
 * The key of a webhook destination, as plans name it: 1–64 lower-case letters, digits, '-' and '_', starting with a
 * letter or digit (e.g. {@code crm-email}), so it reads the same in JSON, URLs and CSV cells.
 */
public final class DestinationName {

    public static final int MAX_LENGTH = 64;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private DestinationName() {
    }

    /** The name, stripped, or an {@link InvalidCampaign} at {@code field} saying what a name may hold. */
    public static String check(String name, String field) {
        String stripped = name == null ? "" : name.strip();
        if (!NAME.matcher(stripped).matches()) {
            throw new InvalidCampaign(field, field + " '" + PlainText.echo(stripped)
                    + "' is not a destination name: use 1 to " + MAX_LENGTH + " lower-case letters, digits, '-' or '_', e.g. \"crm-email\"");
        }
        return stripped;
    }
}
