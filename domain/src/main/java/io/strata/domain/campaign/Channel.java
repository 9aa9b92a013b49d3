package io.strata.domain.campaign;

import io.strata.domain.text.PlainText;
import java.util.Arrays;
import java.util.Locale;

/**
 * How an action reaches a customer, and the consent it needs. A call uses the phone number, so it needs the SMS
 * (phone) opt-in; in-app messages go through the app like push messages; an offer is applied when the customer
 * shops and sends nothing, so it needs none.
 */
public enum Channel {
    EMAIL(Consent.EMAIL_OPT_IN),
    SMS(Consent.SMS_OPT_IN),
    PUSH(Consent.PUSH_OPT_IN),
    IN_APP(Consent.PUSH_OPT_IN),
    CALL(Consent.SMS_OPT_IN),
    OFFER(Consent.NOT_NEEDED);

    private final Consent consent;

    Channel(Consent consent) {
        this.consent = consent;
    }

    public Consent consent() {
        return consent;
    }

    /** The lower-case name the API uses: email, sms, push, in_app, call, offer. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Channel parse(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidCampaign(field, field + " is missing; give one of " + keys());
        }
        return Arrays.stream(values()).filter(c -> c.key().equals(value.strip().toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new InvalidCampaign(field, field + " '" + PlainText.echo(value) + "' is not a channel; use one of " + keys()));
    }

    private static String keys() {
        return Arrays.stream(values()).map(Channel::key).toList().toString();
    }
}
