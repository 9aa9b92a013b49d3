package io.strata.domain.edit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The state of something people edit in place, as a short content hash of what is stored: two reads of the same stored
 * state give the same revision, any change of it another one. An editor keeps the revision it read and sends it back
 * with its change, so a change made meanwhile by someone else is noticed instead of overwritten (docs/architecture.md,
 * "Two people editing the same thing").
 */
public record Revision(String value) {

    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public Revision {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("a revision is 1 to 64 letters, digits, '-' or '_'; got " + (value == null ? "nothing" : "'" + value + "'"));
        }
    }

    /** Whether {@code text} has a revision's form; anything else never matches a stored state. */
    public static boolean wellFormed(String text) {
        return text != null && FORM.matcher(text).matches();
    }

    /**
     * The revision of a stored state given by its parts, in order (each part by its text: records print every component).
     * SHA-256 over the parts, each preceded by its length, so that parts cannot run into each other; 128 bits of it.
     */
    public static Revision of(Object... parts) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        for (Object part : parts) {
            byte[] bytes = String.valueOf(part).getBytes(StandardCharsets.UTF_8);
            digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) ':');
            digest.update(bytes);
        }
        byte[] hash = digest.digest();
        return new Revision(Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(hash, 16)));
    }

    @Override
    public String toString() {
        return value;
    }
}
