package io.strata.adapters.persistence.campaign;

import io.strata.domain.campaign.ControlGroup;

/**
 * {@link ControlGroup}'s formula in SQL: the first 8 bytes of sha256("campaignId:customerId") read as an unsigned
 * 64-bit number, compared with the exact threshold percent / 100 × 2^64 the domain computes. A test checks that
 * both give the same number for hundreds of customer ids.
 */
final class ControlGroupSql {

    private ControlGroupSql() {
    }

    /** The unsigned hash as numeric; both arguments are SQL expressions (a bind parameter, a column). */
    static String unsignedHash(String campaignIdExpression, String customerIdExpression) {
        String signed = "cast(cast('x' || encode(substring(sha256(convert_to(cast(" + campaignIdExpression + " as text) || ':' || "
                + customerIdExpression + ", 'UTF8')) from 1 for 8), 'hex') as bit(64)) as bigint)";
        // bit(64) -> bigint is two's complement; adding 2^64 modulo 2^64 gives the unsigned value
        return "mod(cast(" + signed + " as numeric) + 18446744073709551616, 18446744073709551616)";
    }

    /** True for control group members; {@code thresholdExpression} binds {@link ControlGroup#threshold()}. */
    static String isControl(String campaignIdExpression, String customerIdExpression, String thresholdExpression) {
        return unsignedHash(campaignIdExpression, customerIdExpression) + " < " + thresholdExpression;
    }
}
