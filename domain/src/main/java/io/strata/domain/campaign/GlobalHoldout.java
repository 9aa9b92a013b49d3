package io.strata.domain.campaign;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The share of all customers that receives no campaign at all, by any path, so that everyone else's outcomes against
 * theirs measure what the whole programme does. Membership is a pure function of the draw and the customer: the first
 * 8 bytes of SHA-256 of {@code "holdout:<draw>:<customerId>"} (UTF-8), read as an unsigned 64-bit number h, hold the
 * customer out when h &lt; share / 100 × 2^64. The same customers stay held out until someone asks for a new draw;
 * raising the share keeps everyone held out so far and adds more (the threshold only grows). The database computes the
 * same formula set-based; this is the reference.
 */
public record GlobalHoldout(BigDecimal sharePercent, int draw) {

    public static final BigDecimal DEFAULT_SHARE = BigDecimal.valueOf(5);
    public static final BigDecimal MAX_SHARE = BigDecimal.valueOf(50);
    private static final BigDecimal TWO_TO_64 = new BigDecimal(BigInteger.ONE.shiftLeft(64));

    public GlobalHoldout {
        if (sharePercent == null || sharePercent.signum() < 0 || sharePercent.compareTo(MAX_SHARE) > 0
                || sharePercent.stripTrailingZeros().scale() > 2) {
            throw new InvalidCampaign("sharePercent", "sharePercent is " + sharePercent + "; give the share of all customers to hold out"
                    + " of every campaign, between 0 and " + MAX_SHARE + " percent with at most 2 decimals (default " + DEFAULT_SHARE
                    + "; 0 means no holdout)");
        }
        if (draw < 1) {
            throw new IllegalArgumentException("holdout draws are numbered from 1; " + draw + " is not one");
        }
    }

    public static GlobalHoldout standard() {
        return new GlobalHoldout(DEFAULT_SHARE, 1);
    }

    /** The same draw with another share: those held out at a smaller share stay held out at a larger one. */
    public GlobalHoldout withShare(BigDecimal share) {
        return new GlobalHoldout(share, draw);
    }

    /** A new draw: other customers, chosen by the same rule. */
    public GlobalHoldout redrawn() {
        return new GlobalHoldout(sharePercent, draw + 1);
    }

    /** The exact bound h must stay below: share / 100 × 2^64. */
    public BigDecimal threshold() {
        return sharePercent.multiply(TWO_TO_64).divide(BigDecimal.valueOf(100));
    }

    /** The text hashed before the customer id, {@code "holdout:<draw>"}; the SQL builds the same text. */
    public String key() {
        return "holdout:" + draw;
    }

    public boolean holdsOut(String customerId) {
        return new BigDecimal(hash(key(), customerId)).compareTo(threshold()) < 0;
    }

    /** The unsigned 64-bit number from the first 8 bytes of SHA-256("key:customerId"). */
    static BigInteger hash(String key, String customerId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((key + ":" + customerId).getBytes(StandardCharsets.UTF_8));
            byte[] first = new byte[8];
            System.arraycopy(digest, 0, first, 0, 8);
            return new BigInteger(1, first);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
