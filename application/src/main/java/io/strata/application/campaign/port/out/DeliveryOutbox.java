package io.strata.application.campaign.port.out;

import io.strata.application.campaign.BatchOutcome;
import io.strata.application.campaign.DeliveryCounts;
import io.strata.application.campaign.Delivery;
import io.strata.application.campaign.DeliveryRoute;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Out-port: the built-in dispatch. Launching writes every treated customer with their action here; the rows stay
 * downloadable and keep their webhook status, so a failing endpoint loses nothing. Several nodes may relay one outbox:
 * a row is sent only by the node that claimed it, and a claim lapses after its lease (a node that died mid-send).
 */
public interface DeliveryOutbox {

    /**
     * Writes the campaign's treated audience as PENDING deliveries (again: adds only what is missing); answers the count
     * written. Each goes to the destination its action names, else to its channel's default destination, else to the
     * start-up setting.
     */
    long enqueue(long campaignId);

    /**
     * Campaigns with deliveries never tried and claimed by no live node: a launch whose node stopped after it committed
     * and before its relay sent them. The scheduler's beat relays them, so a restart loses no delivery.
     */
    List<Long> campaignsWithUntriedDeliveries();

    /** The routes of the campaign's unsent (PENDING or FAILED) deliveries. */
    List<DeliveryRoute> unsentRoutes(long campaignId);

    /**
     * Claims up to {@code limit} PENDING or FAILED deliveries on the route after the given delivery id that no live claim
     * holds, in id order, for {@code node} until {@code lease} from now; rows another node is claiming at this moment are skipped.
     */
    List<Delivery> claim(long campaignId, DeliveryRoute route, long afterDeliveryId, int limit, String node, Duration lease);

    /** Marking a delivery sent or failed ends its claim. */
    void markSent(List<Long> deliveryIds, int attempts, Instant at);

    void markFailed(List<Long> deliveryIds, int attempts, String error, Instant at);

    /**
     * Records, as {@link #markSent} or {@link #markFailed} would have, the outcome of a batch that {@code node} could not
     * record when it happened (the database was out of reach between the claim and the mark), on the rows {@code node}
     * still claims only: once their lease ran out another node may have claimed them, sent them and marked them, and a
     * late mark must not undo that. Answers how many rows it marked.
     */
    int markLate(BatchOutcome outcome, String node);

    DeliveryCounts counts(long campaignId);

    /** Every delivery of the campaign in customer id order, for download. */
    void stream(long campaignId, Consumer<Delivery> deliveries);
}
