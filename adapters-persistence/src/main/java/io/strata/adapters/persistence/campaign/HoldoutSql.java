package io.strata.adapters.persistence.campaign;

import io.strata.domain.campaign.GlobalHoldout;

/**
 * {@link GlobalHoldout}'s formula in SQL, read from the one row of {@code global_holdout}: the first 8 bytes of
 * sha256("holdout:draw:customerId") as an unsigned 64-bit number, below the stored exact threshold. Every audience
 * statement (a launch's freeze, an always-on cohort) puts this in its members' condition, so no path reaches a
 * customer the holdout holds out.
 */
final class HoldoutSql {

    private HoldoutSql() {
    }

    /** True for a customer the holdout holds out; {@code customerIdExpression} is a column holding the customer id. */
    static String heldOut(String customerIdExpression) {
        return "exists (select 1 from global_holdout h where h.threshold > 0 and "
                + ControlGroupSql.unsignedHash("'holdout:' || h.draw", customerIdExpression) + " < h.threshold)";
    }
}
