package io.strata.bootstrap.settings;

import io.strata.application.settings.DurationRange;
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
 * <p>
 * The timeouts run from 100 ms (below it no TLS handshake completes, and zero or less is no timeout the HTTP client
 * takes) to 10 minutes (a claim on a batch lasts its attempts' timeouts and backoffs; beyond minutes a relay would hold
 * a worker and its rows for hours on a receiver that answers nothing); the backoff from 0 (retry at once) to 1 hour (it
 * doubles after each attempt, and a batch's claim lasts all of them). docs/campaigns.md, "Dispatch".
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
    public static final DurationRange CONNECT_TIMEOUT = DurationRange.of("strata.dispatch.webhook-connect-timeout", Duration.ofMillis(100),
            Duration.ofMinutes(10), Duration.ofSeconds(2));
    public static final DurationRange READ_TIMEOUT = DurationRange.of("strata.dispatch.webhook-read-timeout", Duration.ofMillis(100),
            Duration.ofMinutes(10), Duration.ofSeconds(5));
    public static final DurationRange BACKOFF = DurationRange.of("strata.dispatch.webhook-backoff", Duration.ZERO, Duration.ofHours(1),
            Duration.ofMillis(500));

    public DispatchSettings {
        MAX_ATTEMPTS.check(webhookMaxAttempts);
        BATCH_SIZE.check(webhookBatchSize);
        WORKERS.check(workers);
        CONNECT_TIMEOUT.check(webhookConnectTimeout);
        READ_TIMEOUT.check(webhookReadTimeout);
        BACKOFF.check(webhookBackoff);
    }
}
