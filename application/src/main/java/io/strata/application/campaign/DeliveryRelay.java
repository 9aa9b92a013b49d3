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
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * rows stay in the outbox for the next look at the clock or dispatch. A batch it had sent (or given up on) but could not
 * mark is kept in memory and marked first by the node's next pass of the campaign, so its rows do not wait out their
 * lease once the database is back, and a batch the receiver took is not sent to it again ({@link #record}).
 * Any other stop is logged as the failure it is, with its trace. Lines about one campaign name it by id and name
 * ({@link StoredCampaigns#named(long)}), read only when such a line is written.
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
    private final StoredCampaigns campaigns;
    private final Set<Long> queued = ConcurrentHashMap.newKeySet();
    /**
     * Outcomes of batches this node could not mark when they ended (the database went out of reach, or the statement
     * failed, between the claim and the mark), to be marked by the campaign's next pass on this node. In memory only: a
     * node that dies loses them, and its rows wait their lease as before.
     */
    private final Queue<BatchOutcome> unrecorded = new ConcurrentLinkedQueue<>();
    /** Set when Strata stops: the batch under way is posted and marked, and no further batch is claimed. */
    private volatile boolean stopping;

    public DeliveryRelay(DeliveryOutbox outbox, DeliveryDestinations destinations, StoredDestinations stored, DeliveryWebhook webhook,
                         Executor executor, RetryPolicy policy, Pause pause, Clock clock, String node, OutboxReach reach,
                         StoredCampaigns campaigns) {
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
        this.campaigns = campaigns;
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
            LOG.log(System.Logger.Level.WARNING, campaigns.named(campaignId) + ": dispatch not queued (" + e.getMessage()
                    + "); its deliveries stay in the outbox for the next dispatch");
        }
    }

    /**
     * Strata is stopping: each relay under way finishes the batch it is posting (its answer awaited and marked, within the
     * attempts' bounds) and claims no further batch, so the stop does not cut a batch between the receiver taking it and
     * its mark. The rest stays PENDING and untried, and the first look at the clock after the restart, on any node, relays
     * it. Before session 58 a relay went on claiming batches until the stop's wait ran out and interrupted the one under
     * way: marked FAILED ("interrupted while posting") though the receiver had taken it, it was sent again after the
     * restart (the probe with the jar: 1,000 of 5,783 deliveries received twice).
     */
    public void stopClaiming() {
        stopping = true;
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
                LOG.log(System.Logger.Level.ERROR, "dispatching " + campaigns.named(campaignId) + " stopped: " + e.getMessage(), e);
            }
        }
    }

    void relay(long campaignId) {
        recordUnrecorded(campaignId);
        for (DeliveryRoute route : outbox.unsentRoutes(campaignId)) {
            destinationOf(campaignId, route).ifPresent(destination -> relay(campaignId, route, destination));
        }
    }

    /** The route's unsent deliveries, batch after batch, until none is left or a batch fails (that destination is down). */
    private void relay(long campaignId, DeliveryRoute route, Destination destination) {
        long after = 0;
        while (!stopping) {
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
        Tried tried = attempts(destination, message);
        BatchOutcome outcome = tried.outcome();
        record(outcome);
        // said once the batch is marked, and only after every attempt failed (a pass interrupted between two is stopping):
        // this is the last attempt's line, so every attempt has one
        if (!outcome.sent() && outcome.attempts() == policy.maxAttempts()) {
            LOG.log(System.Logger.Level.WARNING, campaigns.named(message.campaignId()) + ": " + message.deliveryIds().size() + " deliveries to "
                    + message.deliveries().get(0).destination() + " failed after " + policy.maxAttempts() + " attempts: " + outcome.error()
                    + clientSaid(tried.last()), tried.untraced());
        }
        return outcome.sent();
    }

    /**
     * A batch's attempts: the outcome, the last failure (null when sent) and a failure of an unexpected type whose
     * trace no line has shown yet (null when none).
     */
    private record Tried(BatchOutcome outcome, DeliveryFailed last, Throwable untraced) {
    }

    /**
     * Posts the batch until the receiver takes it or the attempts are spent; the outbox is not touched meanwhile. Each
     * failed attempt but the last is one line (the last one's is {@link #send}'s): the campaign, the destination, the
     * attempt and the reason, and no stack trace, for a receiver down for an hour would otherwise write one per attempt;
     * the trace of a failure of a type the webhook did not expect is shown once per batch, on its first line (session 60).
     */
    private Tried attempts(Destination destination, WebhookMessage message) {
        String error = null;
        DeliveryFailed last = null;
        Throwable untraced = null;
        boolean traced = false;
        for (int attempt = 1; attempt <= policy.maxAttempts(); attempt++) {
            try {
                webhook.post(destination, message);
                return new Tried(BatchOutcome.sent(message, attempt, clock.instant()), null, null);
            } catch (DeliveryFailed e) {
                error = e.getMessage();
                last = e;
                Throwable trace = traced ? null : e.getCause();
                traced |= trace != null;
                if (attempt < policy.maxAttempts()) {
                    // INFO: the batch is tried again, and the last attempt's line is the WARN; WARN with the trace when unexpected
                    LOG.log(trace == null ? System.Logger.Level.INFO : System.Logger.Level.WARNING, campaigns.named(message.campaignId()) + ": attempt " + attempt + " of "
                            + policy.maxAttempts() + " to post " + message.deliveryIds().size() + " deliveries to "
                            + message.deliveries().get(0).destination() + " failed: " + error + clientSaid(e) + "; the next in "
                            + seconds(policy.backoffAfter(attempt)), trace);
                } else {
                    untraced = trace;
                }
                if (attempt < policy.maxAttempts() && !waitBefore(attempt + 1)) {
                    return new Tried(BatchOutcome.failed(message, attempt, error + " (interrupted before retrying)", clock.instant()), e, null);
                }
            } catch (RuntimeException unexpected) {
                // a fault of the relay's own, not a refusal: the batch is marked FAILED all the same, which ends its claim,
                // so the next dispatch tries it again instead of leaving it claimed for its lease (the receiver may have
                // taken it: sent again as the same rows, it carries the same webhook-id); the fault is logged with its trace
                try {
                    record(BatchOutcome.failed(message, attempt, "not sent: the relay met an unexpected error ("
                            + unexpected.getClass().getSimpleName() + "), in the log of node " + node, clock.instant()));
                } catch (RuntimeException notRecorded) {
                    unexpected.addSuppressed(notRecorded);
                }
                throw unexpected;
            }
        }
        return new Tried(BatchOutcome.failed(message, policy.maxAttempts(), error, clock.instant()), last, untraced);
    }

    /** The HTTP client's own words, for the log (an operator's clue), never for the deliveries' {@code last_error}. */
    private static String clientSaid(DeliveryFailed failure) {
        return failure == null ? "" : failure.clientSaid().map(said -> " (the HTTP client: " + said + ")").orElse("");
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() / 1000.0 + " s";
    }

    /**
     * Marks the batch's outcome, which ends its claim. When that fails (the database went out of reach after the claim),
     * the node keeps the outcome and marks it first at the campaign's next pass on this node: before, the rows stayed
     * claimed by this node until their lease ran out (about a minute with the defaults), so the next dispatch after the
     * database came back skipped them, and once the lease had run out a batch the receiver had taken was sent to it again.
     */
    private void record(BatchOutcome outcome) {
        try {
            if (outcome.sent()) {
                outbox.markSent(outcome.deliveryIds(), outcome.attempts(), outcome.at());
            } else {
                outbox.markFailed(outcome.deliveryIds(), outcome.attempts(), outcome.error(), outcome.at());
            }
        } catch (RuntimeException notRecorded) {
            unrecorded.add(outcome);
            throw notRecorded;
        }
    }

    /**
     * The campaign's outcomes this node could not mark before, marked now, before anything is claimed: a SENT batch is
     * not sent again, a FAILED one is claimable again by this very pass. Only the rows this node still claims are marked
     * ({@link DeliveryOutbox#markLate}). One that fails again is kept, and the pass stops as any pass that meets the
     * outbox failing. Per campaign, so an outcome that can never be marked stops only its own campaign's passes.
     */
    private void recordUnrecorded(long campaignId) {
        for (BatchOutcome outcome : unrecorded) {
            if (outcome.campaignId() != campaignId || !unrecorded.remove(outcome)) {
                continue;
            }
            int marked;
            try {
                marked = outbox.markLate(outcome, node);
            } catch (RuntimeException notRecorded) {
                unrecorded.add(outcome);
                throw notRecorded;
            }
            int size = outcome.deliveryIds().size();
            LOG.log(System.Logger.Level.INFO, campaigns.named(campaignId) + ": " + marked + " deliveries marked " + outcome.status()
                    + " now, as they could not be when their batch ended (the outbox was out of reach)"
                    + (marked < size ? "; the other " + (size - marked) + " were no longer claimed by this node (marked meanwhile, or claimed by"
                    + " another node once their lease ran out) and are left as they are" : ""));
        }
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
