package io.strata.application.campaign;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Hands a campaign's unsent deliveries to the webhook in batches. Each batch is tried up to
 * {@code maxAttempts} times, waiting {@code firstBackoff}, then twice as long, and so on between attempts. A batch
 * that still fails is marked FAILED with its attempts and last error, and the relay stops for this time, leaving
 * later batches PENDING: the endpoint is evidently down. The next dispatch retries FAILED and PENDING rows alike.
 * All relays run on one executor, one at a time, so a batch is never sent twice concurrently.
 */
public final class DeliveryRelay {

    private static final System.Logger LOG = System.getLogger(DeliveryRelay.class.getName());

    public record RetryPolicy(int maxAttempts, Duration firstBackoff, int batchSize) {

        public RetryPolicy {
            if (maxAttempts < 1 || batchSize < 1 || firstBackoff.isNegative()) {
                throw new IllegalArgumentException("a retry policy needs at least one attempt, a batch size of at least 1 and a backoff of 0 or more");
            }
        }

        Duration backoffAfter(int attempt) {
            return firstBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
        }
    }

    /** How the relay waits between attempts; tests may pass one that does not sleep. */
    @FunctionalInterface
    public interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final DeliveryOutbox outbox;
    private final DeliveryWebhook webhook;
    private final Executor executor;
    private final RetryPolicy policy;
    private final Pause pause;
    private final Clock clock;

    public DeliveryRelay(DeliveryOutbox outbox, DeliveryWebhook webhook, Executor executor, RetryPolicy policy, Pause pause, Clock clock) {
        this.outbox = outbox;
        this.webhook = webhook;
        this.executor = executor;
        this.policy = policy;
        this.pause = pause;
        this.clock = clock;
    }

    public void relayLater(long campaignId) {
        executor.execute(() -> relayLogged(campaignId));
    }

    public void relayNow(long campaignId) {
        try {
            CompletableFuture.runAsync(() -> relay(campaignId), executor).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    private void relayLogged(long campaignId) {
        try {
            relay(campaignId);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "dispatching campaign " + campaignId + " stopped: " + e.getMessage(), e);
        }
    }

    void relay(long campaignId) {
        Optional<URI> target = webhook.target();
        if (target.isEmpty()) {
            return;
        }
        long after = 0;
        while (true) {
            List<Delivery> batch = outbox.unsent(campaignId, after, policy.batchSize());
            if (batch.isEmpty()) {
                return;
            }
            after = batch.get(batch.size() - 1).deliveryId();
            if (!send(target.get(), campaignId, batch)) {
                return;
            }
        }
    }

    private boolean send(URI target, long campaignId, List<Delivery> batch) {
        List<Long> ids = batch.stream().map(Delivery::deliveryId).toList();
        String error = null;
        for (int attempt = 1; attempt <= policy.maxAttempts(); attempt++) {
            try {
                webhook.post(target, campaignId, batch);
                outbox.markSent(ids, attempt, clock.instant());
                return true;
            } catch (DeliveryWebhook.DeliveryFailed e) {
                error = e.getMessage();
                if (attempt < policy.maxAttempts() && !waitBefore(attempt + 1)) {
                    outbox.markFailed(ids, attempt, error + " (interrupted before retrying)", clock.instant());
                    return false;
                }
            }
        }
        outbox.markFailed(ids, policy.maxAttempts(), error, clock.instant());
        LOG.log(System.Logger.Level.WARNING, "campaign " + campaignId + ": " + ids.size() + " deliveries failed after "
                + policy.maxAttempts() + " attempts: " + error);
        return false;
    }

    private boolean waitBefore(int nextAttempt) {
        try {
            pause.sleep(policy.backoffAfter(nextAttempt - 1));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public boolean webhookConfigured() {
        return webhook.target().isPresent();
    }
}
