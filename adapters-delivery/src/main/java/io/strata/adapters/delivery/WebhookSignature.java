package io.strata.adapters.delivery;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Signs webhook requests as the Standard Webhooks specification does: {@code v1,} and the base64 of HMAC-SHA256 over
 * {@code "<webhook-id>.<webhook-timestamp>.<body>"}, keyed with the secret's bytes. The secret is written as the
 * specification's libraries read it: {@code whsec_} followed by the base64 of the key; without the prefix, the whole
 * text is taken as the base64 of the key, as those libraries do, so a receiver using one of them can be given the
 * very same string.
 */
final class WebhookSignature {

    static final String PREFIX = "whsec_";
    /** The specification's lower bound for a key; shorter keys are refused rather than used. */
    static final int MIN_KEY_BYTES = 24;
    static final String HOW_TO_MAKE_ONE = "make one with: echo whsec_$(openssl rand -base64 32)";

    private final SecretKeySpec key;

    private WebhookSignature(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /** Reads a secret; throws {@link IllegalArgumentException} saying what is wrong with it (never quoting it). */
    static WebhookSignature of(String secret) {
        String encoded = secret.strip();
        if (encoded.startsWith(PREFIX)) {
            encoded = encoded.substring(PREFIX.length());
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            // not the JDK's "Illegal base64 character 20" (until session 59), which also gave away a character of the secret;
            // the JDK refuses a cut or badly padded secret too, which holds no foreign character
            String what = encoded.matches("[A-Za-z0-9+/]*=*")
                    ? "its length is not base64's (groups of 4 characters, the last one filled up with =): it may have been cut"
                    : "it holds a character base64 does not use (A-Z, a-z, 0-9, + and /, with = only at the end)";
            throw new IllegalArgumentException("STRATA_DISPATCH_WEBHOOK_SECRET is not 'whsec_' followed by base64 (the Standard Webhooks"
                    + " secret format): " + what + "; " + HOW_TO_MAKE_ONE);
        }
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("STRATA_DISPATCH_WEBHOOK_SECRET holds a key of " + key.length + " bytes; it needs at least "
                    + MIN_KEY_BYTES + " (base64 of 24 to 64 random bytes); " + HOW_TO_MAKE_ONE);
        }
        return new WebhookSignature(key);
    }

    String sign(String messageId, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update((messageId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }
}
