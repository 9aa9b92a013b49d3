package io.strata.domain.campaign;

/** The customer's opt-in a channel needs before Strata may address a customer through it. */
public enum Consent {
    EMAIL_OPT_IN, SMS_OPT_IN, PUSH_OPT_IN,
    /** The action reaches the customer only when they come to us (an offer applied at checkout), so no opt-in is needed. */
    NOT_NEEDED
}
