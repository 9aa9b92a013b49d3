package io.strata.application.campaign;

import io.strata.application.campaign.port.out.DeliveryOutbox;
import io.strata.application.campaign.port.out.DeliveryWebhook;
import io.strata.domain.campaign.ActionList;
import io.strata.domain.campaign.Channel;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryRelayTest {

    private static final Destination TARGET = new Destination(URI.create("http://localhost:1/hook"), "whsec_test");

    private final MemoryOutbox outbox = new MemoryOutbox();
    private final List<Duration> pauses = new ArrayList<>();
    private final ScriptedWebhook webhook = new ScriptedWebhook();

    private DeliveryRelay relay(int maxAttempts, int batchSize) {
        return new DeliveryRelay(outbox, campaignId -> Optional.ofNullable(webhook.target), webhook, Runnable::run,
                new DeliveryRelay.RetryPolicy(maxAttempts, Duration.ofMillis(100), batchSize, Duration.ofSeconds(7)),
                pauses::add, Clock.fixed(Instant.parse("2024-07-01T12:00:00Z"), ZoneOffset.UTC), "node-1");
    }

    @Test
    void aFailedAttemptIsRetriedAfterABackoffAndTheBatchEndsUpSent() {
        outbox.add(3);
        webhook.failures = 1;

        relay(4, 500).relayLater(1);

        assertThat(webhook.posts).hasSize(2);
        assertThat(pauses).containsExactly(Duration.ofMillis(100));
        assertThat(outbox.rows.values()).allSatisfy(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.SENT);
            assertThat(d.attempts()).isEqualTo(2);
        });
    }

    @Test
    void theBackoffDoublesAndAfterTheLastAttemptTheBatchIsMarkedFailedWithTheError() {
        outbox.add(2);
        webhook.failures = 99;

        relay(4, 500).relayLater(1);

        assertThat(pauses).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
        assertThat(outbox.rows.values()).allSatisfy(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(d.attempts()).isEqualTo(4);
            assertThat(d.lastError()).isEqualTo("HTTP 503");
        });
    }

    @Test
    void deliveriesGoInBatchesAndAFailingEndpointLeavesLaterBatchesPending() {
        outbox.add(5);
        webhook.failures = 99;

        relay(2, 2).relayLater(1);

        assertThat(webhook.posts).hasSize(2).allSatisfy(batch -> assertThat(batch).hasSize(2));
        assertThat(outbox.rows.values()).extracting(Delivery::status)
                .containsExactly(DeliveryStatus.FAILED, DeliveryStatus.FAILED, DeliveryStatus.PENDING, DeliveryStatus.PENDING, DeliveryStatus.PENDING);
    }

    @Test
    void theNextDispatchRetriesFailedDeliveriesAndSendsEverythingInBatches() {
        outbox.add(5);
        webhook.failures = 99;
        relay(1, 2).relayLater(1);
        webhook.failures = 0;

        relay(1, 2).relayLater(1);

        assertThat(outbox.rows.values()).extracting(Delivery::status).containsOnly(DeliveryStatus.SENT);
        assertThat(outbox.rows.get(1L).attempts()).isEqualTo(2);
        assertThat(webhook.posts).extracting(List::size).containsExactly(2, 2, 2, 1);
    }

    @Test
    void withoutAConfiguredWebhookNothingIsSentAndEverythingStaysPending() {
        outbox.add(2);
        webhook.target = null;

        relay(3, 10).relayLater(1);

        assertThat(webhook.posts).isEmpty();
        assertThat(outbox.rows.values()).extracting(Delivery::status).containsOnly(DeliveryStatus.PENDING);
    }

    @Test
    void everyAttemptAtOneBatchCarriesTheSameMessageIdAndAnotherBatchAnotherOne() {
        outbox.add(3);
        webhook.failures = 99;
        relay(2, 2).relayLater(1);
        webhook.failures = 0;

        relay(2, 2).relayLater(1);

        // first dispatch: batch {1,2} twice, then it stops; second: {1,2} again, then {3}
        assertThat(webhook.messageIds).hasSize(4);
        assertThat(webhook.messageIds.subList(0, 3)).containsOnly(webhook.messageIds.get(0));
        assertThat(webhook.messageIds.get(3)).isNotEqualTo(webhook.messageIds.get(0)).startsWith("msg_1_");
    }

    @Test
    void aClaimOutlastsEveryAttemptTimingOutWithEveryBackoffBetween() {
        // 4 attempts of at most 7 s, backoffs 100 + 200 + 400 ms, and half a minute of margin
        assertThat(new DeliveryRelay.RetryPolicy(4, Duration.ofMillis(100), 500, Duration.ofSeconds(7)).claimLease())
                .isEqualTo(Duration.ofMillis(28_000 + 700 + 30_000));
    }

    private static final class ScriptedWebhook implements DeliveryWebhook {
        Destination target = TARGET;
        int failures;
        final List<List<Delivery>> posts = new ArrayList<>();
        final List<String> messageIds = new ArrayList<>();

        @Override
        public void post(Destination target, WebhookMessage message) {
            posts.add(message.deliveries());
            messageIds.add(message.id());
            if (failures > 0) {
                failures--;
                throw new DeliveryFailed("HTTP 503");
            }
        }
    }

    private static final class MemoryOutbox implements DeliveryOutbox {
        final TreeMap<Long, Delivery> rows = new TreeMap<>();

        void add(int count) {
            LongStream.rangeClosed(1, count).forEach(id -> rows.put(id, new Delivery(id, "c" + id, null, null, Channel.EMAIL, "Hi", null,
                    ActionList.DEFAULT, DeliveryStatus.PENDING, 0, null)));
        }

        @Override
        public long enqueue(long campaignId) {
            return 0;
        }

        @Override
        public List<Delivery> claim(long campaignId, long afterDeliveryId, int limit, String node, Duration lease) {
            return rows.tailMap(afterDeliveryId, false).values().stream().filter(d -> d.status() != DeliveryStatus.SENT).limit(limit).toList();
        }

        @Override
        public void markSent(List<Long> ids, int attempts, Instant at) {
            ids.forEach(id -> rows.computeIfPresent(id, (k, d) -> with(d, DeliveryStatus.SENT, attempts, null)));
        }

        @Override
        public void markFailed(List<Long> ids, int attempts, String error, Instant at) {
            ids.forEach(id -> rows.computeIfPresent(id, (k, d) -> with(d, DeliveryStatus.FAILED, attempts, error)));
        }

        private static Delivery with(Delivery d, DeliveryStatus status, int attempts, String error) {
            return new Delivery(d.deliveryId(), d.customerId(), d.email(), d.phone(), d.channel(), d.content(), d.discountPercent(), d.actionList(), status,
                    d.attempts() + attempts, error == null ? d.lastError() : error);
        }

        @Override
        public DeliveryCounts counts(long campaignId) {
            return new DeliveryCounts(0, 0, 0);
        }

        @Override
        public void stream(long campaignId, Consumer<Delivery> deliveries) {
            rows.values().forEach(deliveries);
        }
    }
}
