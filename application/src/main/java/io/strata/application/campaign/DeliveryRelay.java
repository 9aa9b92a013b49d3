package io.strata.application.campaign;

import io.strata.application.campaign.port.out.DeliveryOutbox;
import io.strata.application.campaign.port.out.DeliveryDestinations;
import io.strata.application.campaign.port.out.DeliveryWebhook;
import io.strata.application.campaign.port.out.OutboxReach;
import io.strata.application.campaign.port.out.StoredDestinations;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Hands a campaign's unsent deliveries to their destinations in batches, in the background, one destination after the
 * other (a delivery's destination was fixed when it was written; a destination that refuses stops only its own rows). Each campaign's relay is one
 * task on a bounded executor, so a slow receiver holds one worker and never the others' campaigns. Each attempt is
 * bounded by the webhook's timeouts; a batch is tried up to {@code maxAttempts} times, waiting {@code firstBackoff},
 * then twice as long, and so on. A batch that still fails is marked FAILED with its attempts and last error, and the
 * relay stops for this time, leaving later batches PENDING: the endpoint is evidently down. The next dispatch
 * retries FAILED and PENDING rows alike.
 * <p>
 * Batches are claimed in the outbox before they are sent, for longer than sending them can take ({@link
 * RetryPolicy#claimLease()}), so relays on several nodes (or two on one node) never send one delivery twice, and
 * the rows of a node that died while sending become claimable again when the lease runs out.
 * <p>
 * A relay that stops because the database is out of reach is said once, not as a failure ({@link OutboxReach}): its
 * rows stay in the outbox (those it had claimed until their lease runs out) for the next look at the clock or dispatch.
 * Any other stop is logged as the failure it is, with its trace.
 */
public final class DeliveryRelay {

    private static final System.Logger LOG = System.getLogger(DeliveryRelay.class.getName());

    /** Time allowed beyond the worst case of one batch before its claim lapses: database round trips, a slow clock. */
    private static final Duration CLAIM_MARGIN = Duration.ofSeconds(30);

    public record RetryPolicy(int maxAttempts, Duration firstBackoff, int batchSize, Duration attemptTimeout) {

        public RetryPolicy {
            if (maxAttempts < 1 || batchSize < 1 || firstBackoff.isNegative() || attemptTimeout.isNegative() || attemptTimeout.isZero()) {
                throw new IllegalArgumentException("a retry policy needs at least one attempt, a batch size of at least 1, a backoff of 0 or"
                        + " more and an attempt timeout above 0");
            }
        }

        Duration backoffAfter(int attempt) {
            return firstBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
        }

        /** Longer than one batch can take: every attempt timing out, with every backoff between them. */
        public Duration claimLease() {
            Duration worst = attemptTimeout.multipliedBy(maxAttempts);
            for (int attempt = 1; attempt < maxAttempts; attempt++) {
                worst = worst.plus(backoffAfter(attempt));
            }
            return worst.plus(CLAIM_MARGIN);
        }
    }

    /** How the relay waits between attempts; tests may pass one that does not sleep. */
    @FunctionalInterface
    public interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final DeliveryOutbox outbox;
    private final DeliveryDestinations destinations;
    private final StoredDestinations stored;
    private final DeliveryWebhook webhook;
    private final Executor executor;
    private final RetryPolicy policy;
    private final Pause pause;
    private final Clock clock;
    private final String node;
    private final OutboxReach reach;
    private final Set<Long> queued = ConcurrentHashMap.newKeySet();

    public DeliveryRelay(DeliveryOutbox outbox, DeliveryDestinations destinations, StoredDestinations stored, DeliveryWebhook webhook,
                         Executor executor, RetryPolicy policy, Pause pause, Clock clock, String node, OutboxReach reach) {
        this.outbox = outbox;
        this.destinations = destinations;
        this.stored = stored;
        this.webhook = webhook;
        this.executor = executor;
        this.policy = policy;
        this.pause = pause;
        this.clock = clock;
        this.node = node;
        this.reach = reach;
    }

    /**
     * Queues a relay of the campaign and returns at once. A relay already queued (not yet started) for the campaign
     * covers this request too, so repeated calls do not pile up.
     */
    public void relayLater(long campaignId) {
        if (!queued.add(campaignId)) {
            return;
        }
        try {
            executor.execute(() -> {
                queued.remove(campaignId);
                relayLogged(campaignId);
            });
        } catch (RejectedExecutionException e) {
            queued.remove(campaignId);
            LOG.log(System.Logger.Level.WARNING, "campaign " + campaignId + ": dispatch not queued (" + e.getMessage()
                    + "); its deliveries stay in the outbox for the next dispatch");
        }
    }

    /** Whether some unsent delivery of the campaign has a destination to go to (with none unsent: whether the start-up setting is set). */
    public boolean webhookConfigured(long campaignId) {
        List<DeliveryRoute> routes = outbox.unsentRoutes(campaignId);
        if (routes.isEmpty()) {
            return destinations.destinationOf(campaignId).isPresent();
        }
        return routes.stream().anyMatch(route -> destinationOf(campaignId, route).isPresent());
    }

    private Optional<Destination> destinationOf(long campaignId, DeliveryRoute route) {
        return route.startUpSetting() ? destinations.destinationOf(campaignId)
                : stored.byId(route.destinationId()).map(StoredDestination::destination);
    }

    private void relayLogged(long campaignId) {
        try {
            relay(campaignId);
            reach.worked();
        } catch (RuntimeException e) {
            // the database out of reach is said once by the reach, not as a failure at every pass
            if (!reach.failed(e)) {
                LOG.log(System.Logger.Level.ERROR, "dispatching campaign " + campaignId + " stopped: " + e.getMessage(), e);
            }
        }
    }

    void relay(long campaignId) {
        for (DeliveryRoute route : outbox.unsentRoutes(campaignId)) {
            destinationOf(campaignId, route).ifPresent(destination -> relay(campaignId, route, destination));
        }
    }

    /** The route's unsent deliveries, batch after batch, until none is left or a batch fails (that destination is down). */
    private void relay(long campaignId, DeliveryRoute route, Destination destination) {
        long after = 0;
        while (true) {
            List<Delivery> batch = outbox.claim(campaignId, route, after, policy.batchSize(), node, policy.claimLease());
            if (batch.isEmpty()) {
                return;
            }
            after = batch.get(batch.size() - 1).deliveryId();
            if (!send(destination, WebhookMessage.of(campaignId, batch))) {
                return;
            }
        }
    }

    private boolean send(Destination destination, WebhookMessage message) {
        List<Long> ids = message.deliveryIds();
        String error = null;
        for (int attempt = 1; attempt <= policy.maxAttempts(); attempt++) {
            try {
                webhook.post(destination, message);
                outbox.markSent(ids, attempt, clock.instant());
                return true;
            } catch (DeliveryFailed e) {
                error = e.getMessage();
                if (attempt < policy.maxAttempts() && !waitBefore(attempt + 1)) {
                    outbox.markFailed(ids, attempt, error + " (interrupted before retrying)", clock.instant());
                    return false;
                }
            }
        }
        outbox.markFailed(ids, policy.maxAttempts(), error, clock.instant());
        LOG.log(System.Logger.Level.WARNING, "campaign " + message.campaignId() + ": " + ids.size() + " deliveries to "
                + message.deliveries().get(0).destination() + " failed after " + policy.maxAttempts() + " attempts: " + error);
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
}
