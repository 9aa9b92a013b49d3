package io.strata.adapters.persistence.campaign;

import io.strata.domain.campaign.Channel;
import io.strata.domain.campaign.Consent;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The domain's channel → consent mapping as a SQL condition over an action's channel and the customer's opt-ins.
 * Only an explicit opt-in counts: an unknown (null) opt-in is no consent.
 */
final class ConsentSql {

    private ConsentSql() {
    }

    /** A boolean SQL expression: the customer {@code c} consented to the channel in {@code channelColumn}. */
    static String consented(String channelColumn, String customerAlias) {
        return "case " + channelColumn + Arrays.stream(Channel.values())
                .map(channel -> " when '" + channel.name() + "' then " + condition(channel.consent(), customerAlias))
                .collect(Collectors.joining()) + " else false end";
    }

    private static String condition(Consent consent, String c) {
        return switch (consent) {
            case EMAIL_OPT_IN -> c + ".email_opt_in is true";
            case SMS_OPT_IN -> c + ".sms_opt_in is true";
            case PUSH_OPT_IN -> c + ".push_opt_in is true";
            case NOT_NEEDED -> "true";
        };
    }
}
