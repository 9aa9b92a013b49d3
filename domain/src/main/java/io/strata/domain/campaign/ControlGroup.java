package io.strata.domain.campaign;

import io.strata.domain.text.PlainText;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The share of a campaign's eligible audience that receives nothing, so that the difference to the treated
 * customers measures what the action itself caused. Membership is a pure function of campaign and customer: the
 * first 8 bytes of SHA-256 of {@code "<campaignId>:<customerId>"} (UTF-8), read as an unsigned 64-bit number h,
 * put the customer in the control group when h &lt; percent / 100 × 2^64. Relaunching or recomputing the audience
 * therefore always picks the same customers. The database computes the same formula set-based; this is the reference.
 */
public record ControlGroup(BigDecimal percent) {

    public static final BigDecimal DEFAULT_PERCENT = BigDecimal.TEN;
    public static final BigDecimal MAX_PERCENT = BigDecimal.valueOf(50);
    private static final BigDecimal TWO_TO_64 = new BigDecimal(BigInteger.ONE.shiftLeft(64));

    public ControlGroup {
        if (percent == null || percent.signum() < 0 || percent.compareTo(MAX_PERCENT) > 0 || percent.stripTrailingZeros().scale() > 2) {
            throw new InvalidCampaign("controlGroupPercent", "controlGroupPercent is " + PlainText.echo(String.valueOf(percent)) + "; give a share between 0 and "
                    + MAX_PERCENT + " percent with at most 2 decimals (default " + DEFAULT_PERCENT + "; 0 means no control group)");
        }
    }

    public static ControlGroup standard() {
        return new ControlGroup(DEFAULT_PERCENT);
    }

    /** The exact bound h must stay below: percent / 100 × 2^64. */
    public BigDecimal threshold() {
        return percent.multiply(TWO_TO_64).divide(BigDecimal.valueOf(100));
    }

    public boolean contains(long campaignId, String customerId) {
        return new BigDecimal(hash(campaignId, customerId)).compareTo(threshold()) < 0;
    }

    /** The unsigned 64-bit number from the first 8 bytes of SHA-256("campaignId:customerId"). */
    public static BigInteger hash(long campaignId, String customerId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((campaignId + ":" + customerId).getBytes(StandardCharsets.UTF_8));
            byte[] first = new byte[8];
            System.arraycopy(digest, 0, first, 0, 8);
            return new BigInteger(1, first);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
