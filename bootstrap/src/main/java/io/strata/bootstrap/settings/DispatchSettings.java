package io.strata.bootstrap.settings;

import io.strata.application.settings.SettingRange;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code strata.dispatch.*} (STRATA_DISPATCH_*), webhook dispatch of campaign deliveries (docs/campaigns.md#dispatch):
 * off while {@code webhookUrl} is empty; requests are signed with {@code webhookSecret} (Standard Webhooks, whsec_...);
 * plain http only to the loopback unless {@code allowPlainHttp}. An attempt is bounded by the connect and read
 * timeouts; a batch of {@code webhookBatchSize} deliveries gets {@code webhookMaxAttempts} attempts, the first wait
 * {@code webhookBackoff} and doubling; {@code workers} campaigns are dispatched at once.
 */
@ConfigurationProperties("strata.dispatch")
public record DispatchSettings(@DefaultValue("") String webhookUrl, @DefaultValue("") String webhookSecret,
                               @DefaultValue("false") boolean allowPlainHttp,
                               @DefaultValue("PT2S") Duration webhookConnectTimeout, @DefaultValue("PT5S") Duration webhookReadTimeout,
                               @DefaultValue("4") int webhookMaxAttempts, @DefaultValue("PT0.5S") Duration webhookBackoff,
                               @DefaultValue("500") int webhookBatchSize, @DefaultValue("4") int workers) {

    public static final SettingRange MAX_ATTEMPTS = SettingRange.whole("strata.dispatch.webhook-max-attempts", 1, 100, "attempts", 4);
    public static final SettingRange BATCH_SIZE = SettingRange.whole("strata.dispatch.webhook-batch-size", 1, 100_000, "deliveries", 500);
    public static final SettingRange WORKERS = SettingRange.whole("strata.dispatch.workers", 1, 64, "workers", 4);

    public DispatchSettings {
        MAX_ATTEMPTS.check(webhookMaxAttempts);
        BATCH_SIZE.check(webhookBatchSize);
        WORKERS.check(workers);
    }
}
