package io.strata.application.campaign;

import io.strata.application.campaign.port.out.DeliveryOutbox;
import io.strata.application.campaign.port.out.DeliveryWebhook;
import io.strata.application.campaign.port.out.OutboxReach;
import io.strata.application.campaign.port.out.StoredDestinations;
import io.strata.domain.campaign.ActionList;
import io.strata.domain.campaign.Channel;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveryRelayTest {

    private static final Destination TARGET = new Destination(URI.create("http://localhost:1/hook"), "whsec_test");

    private final MemoryOutbox outbox = new MemoryOutbox();
    private final List<Duration> pauses = new ArrayList<>();
    private final ScriptedWebhook webhook = new ScriptedWebhook();
    private final MemoryDestinations stored = new MemoryDestinations();
    private final NotedReach reach = new NotedReach();
    private final NamedCampaigns campaigns = new NamedCampaigns(Map.of(1L, "Win back at risk"));

    private DeliveryRelay relay(int maxAttempts, int batchSize) {
        return new DeliveryRelay(outbox, campaignId -> Optional.ofNullable(webhook.target), stored, webhook, Runnable::run,
                new DeliveryRelay.RetryPolicy(maxAttempts, Duration.ofMillis(100), batchSize, Duration.ofSeconds(7)),
                pauses::add, Clock.fixed(Instant.parse("2024-07-01T12:00:00Z"), ZoneOffset.UTC), "node-1", reach, new StoredCampaigns(campaigns));
    }

    /**
     * A pass that stops because the database is out of reach is the reach's to say (once, in the adapter), not a failure
     * logged at every pass; the next pass that goes through is noted too, so the reach can say that the relay works again.
     */
    @Test
    void aPassThatMeetsTheDatabaseAwayIsToldToTheReachAndNotLoggedAsAFailure() {
        outbox.add(3);
        outbox.away = new IllegalStateException("Failed to obtain JDBC Connection (the database is away)");
        try (RelayLog log = new RelayLog()) {
            relay(1, 2).relayLater(1);
            relay(1, 2).relayLater(1);
            outbox.away = null;
            relay(1, 2).relayLater(1);

            assertThat(reach.notes).containsExactly("failed: Failed to obtain JDBC Connection (the database is away)",
                    "failed: Failed to obtain JDBC Connection (the database is away)", "worked");
            assertThat(log.records).isEmpty();
        }
        assertThat(outbox.rows.values()).extracting(Delivery::status).containsOnly(DeliveryStatus.SENT);
    }

    /** Any other stop (a bug) is still the failure it is: ERROR, with its trace, and not the reach's. */
    @Test
    void aPassThatStopsForAnotherReasonIsLoggedAsTheFailureItIsWithItsTrace() {
        outbox.add(3);
        IllegalStateException bug = new IllegalStateException("column \"destination_id\" does not exist");
        outbox.away = bug;
        reach.outOfReach = false;
        try (RelayLog log = new RelayLog()) {
            relay(1, 2).relayLater(1);

            assertThat(log.records).singleElement().satisfies(record -> {
                assertThat(record.getLevel()).isEqualTo(Level.SEVERE);
                assertThat(record.getMessage()).isEqualTo("dispatching campaign 1 \"Win back at risk\" stopped: column \"destination_id\" does not exist");
                assertThat(record.getThrown()).isSameAs(bug);
            });
        }
        assertThat(reach.notes).containsExactly("failed: column \"destination_id\" does not exist");
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
    void eachDeliveryGoesToItsOwnDestinationAndOneThatRefusesStopsOnlyItsOwnDeliveries() {
        StoredDestination crm = stored.add(7, "crm", "https://crm.example.com/hook");
        StoredDestination sms = stored.add(8, "sms-gateway", "https://sms.example.com/hook");
        outbox.add(2);
        outbox.add(3, DeliveryRoute.stored(7));
        outbox.add(2, DeliveryRoute.stored(8));
        webhook.refusing = crm.url();

        relay(2, 10).relayLater(1);

        // start-up setting: rows 1-2; crm (refusing): rows 3-5, tried twice; sms-gateway: rows 6-7
        assertThat(webhook.postedTo).containsExactly(TARGET.url(), crm.url(), crm.url(), sms.url());
        assertThat(webhook.posts).extracting(batch -> batch.stream().map(Delivery::deliveryId).toList())
                .containsExactly(List.of(1L, 2L), List.of(3L, 4L, 5L), List.of(3L, 4L, 5L), List.of(6L, 7L));
        assertThat(outbox.rows.values()).extracting(Delivery::status).containsExactly(DeliveryStatus.SENT, DeliveryStatus.SENT,
                DeliveryStatus.FAILED, DeliveryStatus.FAILED, DeliveryStatus.FAILED, DeliveryStatus.SENT, DeliveryStatus.SENT);
    }

    /**
     * A batch that fails after its last attempt is said with the campaign and the destination it did not reach: a
     * campaign's deliveries may go to several, and only the refusing one's rows are FAILED. Before, the line named the
     * campaign only ("campaign 1: 3 deliveries failed after 2 attempts: HTTP 500"); until session 55, by its id alone.
     */
    @Test
    void aBatchThatFailsIsLoggedWithItsCampaignAndTheDestinationItDidNotReach() {
        StoredDestination crm = stored.add(7, "crm", "https://crm.example.com/hook");
        outbox.add(2);
        outbox.add(3, DeliveryRoute.stored(7), "crm");
        webhook.refusing = crm.url();

        try (RelayLog log = new RelayLog()) {
            relay(2, 10).relayLater(1);

            // the first attempt's line (INFO: it is tried again), then the last one's (session 60: one line per attempt)
            assertThat(log.records).extracting(LogRecord::getLevel).containsExactly(Level.INFO, Level.WARNING);
            assertThat(log.records.get(0).getMessage())
                    .isEqualTo("campaign 1 \"Win back at risk\": attempt 1 of 2 to post 3 deliveries to crm failed: HTTP 500; the next in 0.1 s");
            assertThat(log.records.get(1).getMessage()).isEqualTo("campaign 1 \"Win back at risk\": 3 deliveries to crm failed after 2 attempts: HTTP 500");
        }
    }

    /**
     * The receiver took a batch and the outbox went out of reach before the batch was marked: the node keeps the outcome
     * and marks it SENT first at the campaign's next pass, without sending it again. Before (until session 55) the rows
     * stayed claimed by the node until their lease ran out, so that pass skipped them, and a later one sent them again.
     */
    @Test
    void aBatchTheReceiverTookButThatCouldNotBeMarkedIsMarkedSentAtTheNextPassAndNotSentAgain() {
        outbox.add(3);
        outbox.marksAway = 1;
        DeliveryRelay relay = relay(2, 2);
        relay.relayLater(1);

        assertThat(reach.notes).containsExactly("failed: " + MemoryOutbox.AWAY);
        assertThat(outbox.rows.values()).extracting(Delivery::status).containsOnly(DeliveryStatus.PENDING);
        assertThat(outbox.claimedBy).isEqualTo(Map.of(1L, "node-1", 2L, "node-1"));

        try (RelayLog log = new RelayLog()) {
            relay.relayLater(1);

            assertThat(log.records).singleElement().satisfies(record -> {
                assertThat(record.getLevel()).isEqualTo(Level.INFO);
                assertThat(record.getMessage()).isEqualTo("campaign 1 \"Win back at risk\": 2 deliveries marked SENT now, as they could not"
                        + " be when their batch ended (the outbox was out of reach)");
            });
        }
        assertThat(webhook.posts).extracting(batch -> batch.stream().map(Delivery::deliveryId).toList())
                .containsExactly(List.of(1L, 2L), List.of(3L));
        assertThat(outbox.rows.values()).allSatisfy(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.SENT);
            assertThat(d.attempts()).isEqualTo(1);
        });
        assertThat(outbox.claimedBy).isEmpty();
        assertThat(reach.notes).containsExactly("failed: " + MemoryOutbox.AWAY, "worked");
    }

    /**
     * A batch that failed and could not be marked is marked FAILED at the next pass, which ends the claim, so the same
     * pass claims and sends it again at once, under the same webhook-id (the same rows make the batch).
     */
    @Test
    void aFailedBatchThatCouldNotBeMarkedIsMarkedFailedAndSentAgainAtOnceUnderTheSameMessageId() {
        outbox.add(3);
        webhook.failures = 2;
        outbox.marksAway = 1;
        DeliveryRelay relay = relay(2, 2);
        relay.relayLater(1);
        assertThat(outbox.claimedBy).containsOnlyKeys(1L, 2L);

        relay.relayLater(1);

        // first pass: {1,2} twice, failed, not marked; second: {1,2} marked FAILED (2 attempts), sent, then {3}
        assertThat(webhook.posts).extracting(batch -> batch.stream().map(Delivery::deliveryId).toList())
                .containsExactly(List.of(1L, 2L), List.of(1L, 2L), List.of(1L, 2L), List.of(3L));
        assertThat(webhook.messageIds.subList(0, 3)).containsOnly(webhook.messageIds.get(0));
        assertThat(outbox.rows.values()).extracting(Delivery::status).containsOnly(DeliveryStatus.SENT);
        assertThat(outbox.rows.values()).extracting(Delivery::attempts).containsExactly(3, 3, 1);
        assertThat(outbox.rows.get(1L).lastError()).isEqualTo("HTTP 503");
    }

    /** A late mark that fails too (the outbox still away) is kept for the pass after; the batch is still not sent again. */
    @Test
    void anOutcomeWhoseLateMarkFailsTooIsKeptForThePassAfter() {
        outbox.add(2);
        outbox.marksAway = 2;
        DeliveryRelay relay = relay(1, 2);
        relay.relayLater(1);
        relay.relayLater(1);
        assertThat(outbox.claimedBy).containsOnlyKeys(1L, 2L);

        relay.relayLater(1);

        assertThat(webhook.posts).hasSize(1);
        assertThat(outbox.rows.values()).extracting(Delivery::status).containsOnly(DeliveryStatus.SENT);
        assertThat(reach.notes).containsExactly("failed: " + MemoryOutbox.AWAY, "failed: " + MemoryOutbox.AWAY, "worked");
    }

    /**
     * Rows another node claimed once this node's lease ran out are that node's: the late mark leaves them as they are
     * (only rows this node still claims are marked), and says so.
     */
    @Test
    void aLateMarkLeavesTheRowsAnotherNodeClaimedOnceTheLeaseRanOut() {
        outbox.add(2);
        outbox.marksAway = 1;
        DeliveryRelay relay = relay(1, 2);
        relay.relayLater(1);
        outbox.claimedBy.put(2L, "node-2");

        try (RelayLog log = new RelayLog()) {
            relay.relayLater(1);

            assertThat(log.records).extracting(LogRecord::getMessage).containsExactly("campaign 1 \"Win back at risk\": 1 deliveries marked"
                    + " SENT now, as they could not be when their batch ended (the outbox was out of reach); the other 1 were no longer"
                    + " claimed by this node (marked meanwhile, or claimed by another node once their lease ran out) and are left as they are");
        }
        assertThat(outbox.rows.values()).extracting(Delivery::status).containsExactly(DeliveryStatus.SENT, DeliveryStatus.PENDING);
        assertThat(outbox.claimedBy).isEqualTo(Map.of(2L, "node-2"));
        assertThat(webhook.posts).hasSize(1);
    }

    /**
     * A fault of the relay's own while posting (no refusal the webhook knows) marks the batch FAILED, ending its claim,
     * so the next dispatch tries it again; the fault is logged at ERROR with its trace. Before, the rows stayed claimed
     * for their lease.
     */
    @Test
    void anUnexpectedFaultWhilePostingMarksTheBatchFailedAndIsLoggedWithItsTrace() {
        outbox.add(2);
        IllegalStateException bug = new IllegalStateException("a bug in the webhook");
        webhook.fault = bug;
        reach.outOfReach = false;
        try (RelayLog log = new RelayLog()) {
            relay(3, 2).relayLater(1);

            assertThat(log.records).singleElement().satisfies(record -> {
                assertThat(record.getLevel()).isEqualTo(Level.SEVERE);
                assertThat(record.getMessage()).isEqualTo("dispatching campaign 1 \"Win back at risk\" stopped: a bug in the webhook");
                assertThat(record.getThrown()).isSameAs(bug);
            });
        }
        assertThat(webhook.posts).hasSize(1);
        assertThat(outbox.claimedBy).isEmpty();
        assertThat(outbox.rows.values()).allSatisfy(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.lastError()).isEqualTo("not sent: the relay met an unexpected error (IllegalStateException), in the log of node node-1");
        });
    }

    /** A name that cannot be read (the database away) leaves the campaign's id alone in the line, which is still written. */
    @Test
    void aCampaignWhoseNameCannotBeReadIsNamedByItsIdAlone() {
        StoredDestination crm = stored.add(7, "crm", "https://crm.example.com/hook");
        outbox.add(3, DeliveryRoute.stored(7), "crm");
        webhook.refusing = crm.url();
        campaigns.unreadable = new IllegalStateException("Failed to obtain JDBC Connection");

        try (RelayLog log = new RelayLog()) {
            relay(2, 10).relayLater(1);

            assertThat(log.records).extracting(LogRecord::getMessage).containsExactly(
                    "campaign 1: attempt 1 of 2 to post 3 deliveries to crm failed: HTTP 500; the next in 0.1 s",
                    "campaign 1: 3 deliveries to crm failed after 2 attempts: HTTP 500");
        }
    }

    /**
     * A receiver that is down fails every attempt the same way the network is expected to fail (a reset, a refused or
     * closed connection): each attempt is one line in the product's words, with the campaign, the attempt, the
     * destination and the reason, the HTTP client's own words in parentheses, and no stack trace. Until session 60 the
     * webhook logged each such attempt with its trace (about 40 lines each), so a receiver down for an hour filled the log.
     */
    @Test
    void eachFailedAttemptIsOneLineWithoutATraceWhenTheNetworkFailedAsNetworksDo() {
        outbox.add(3);
        webhook.failures = 99;
        webhook.failure = () -> new DeliveryFailed("could not reach http://localhost:1/hook: the receiver closed the connection without a"
                + " whole HTTP answer", "java.io.IOException: Connection reset");

        try (RelayLog log = new RelayLog()) {
            relay(3, 10).relayLater(1);

            String reason = "could not reach http://localhost:1/hook: the receiver closed the connection without a whole HTTP answer"
                    + " (the HTTP client: java.io.IOException: Connection reset)";
            assertThat(log.records).extracting(LogRecord::getMessage).containsExactly(
                    "campaign 1 \"Win back at risk\": attempt 1 of 3 to post 3 deliveries to STRATA_DISPATCH_WEBHOOK_URL failed: " + reason + "; the next in 0.1 s",
                    "campaign 1 \"Win back at risk\": attempt 2 of 3 to post 3 deliveries to STRATA_DISPATCH_WEBHOOK_URL failed: " + reason + "; the next in 0.2 s",
                    "campaign 1 \"Win back at risk\": 3 deliveries to STRATA_DISPATCH_WEBHOOK_URL failed after 3 attempts: " + reason);
            assertThat(log.records).extracting(LogRecord::getThrown).containsOnlyNulls();
            assertThat(log.records).extracting(LogRecord::getLevel).containsExactly(Level.INFO, Level.INFO, Level.WARNING);
        }
        // the planners' reason holds the product's words alone
        assertThat(outbox.rows.values()).extracting(Delivery::lastError).containsOnly("could not reach http://localhost:1/hook: the receiver"
                + " closed the connection without a whole HTTP answer");
    }

    /** A failure of a type the webhook did not expect is where a trace finds the fault: shown once per batch, on its first line. */
    @Test
    void aFailureOfAnUnexpectedTypeShowsItsTraceOncePerBatch() {
        outbox.add(3);
        webhook.failures = 99;
        IllegalStateException unexpected = new IllegalStateException("selector closed");
        webhook.failure = () -> new DeliveryFailed("could not reach http://localhost:1/hook: the attempt failed on Strata's side", unexpected);

        try (RelayLog log = new RelayLog()) {
            relay(3, 10).relayLater(1);

            assertThat(log.records).hasSize(3);
            assertThat(log.records).extracting(LogRecord::getThrown).containsExactly(unexpected, null, null);
            assertThat(log.records).extracting(LogRecord::getLevel).containsExactly(Level.WARNING, Level.INFO, Level.WARNING);
            assertThat(log.records.get(0).getMessage()).isEqualTo("campaign 1 \"Win back at risk\": attempt 1 of 3 to post 3 deliveries to"
                    + " STRATA_DISPATCH_WEBHOOK_URL failed: could not reach http://localhost:1/hook: the attempt failed on Strata's side (the HTTP client:"
                    + " java.lang.IllegalStateException: selector closed); the next in 0.1 s");
        }
        // a batch of one attempt: its only line is the last one's, and it carries the trace
        outbox.add(3);
        try (RelayLog log = new RelayLog()) {
            relay(1, 10).relayLater(1);

            assertThat(log.records).singleElement().satisfies(record -> {
                assertThat(record.getMessage()).contains("failed after 1 attempts");
                assertThat(record.getThrown()).isSameAs(unexpected);
            });
        }
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
        /** What a failure throws: "HTTP 503" unless set. */
        java.util.function.Supplier<DeliveryFailed> failure = () -> new DeliveryFailed("HTTP 503");
        URI refusing;
        /** Thrown by the next post when set: a fault of the relay's own, not a refusal. */
        RuntimeException fault;
        final List<List<Delivery>> posts = new ArrayList<>();
        final List<URI> postedTo = new ArrayList<>();
        final List<String> messageIds = new ArrayList<>();

        @Override
        public void post(Destination target, WebhookMessage message) {
            posts.add(message.deliveries());
            postedTo.add(target.url());
            messageIds.add(message.id());
            if (fault != null) {
                throw fault;
            }
            if (target.url().equals(refusing)) {
                throw new DeliveryFailed("HTTP 500");
            }
            if (failures > 0) {
                failures--;
                throw failure.get();
            }
        }
    }

    /** The reach's notes, in order; it answers {@code outOfReach} for every failure. */
    private static final class NotedReach implements OutboxReach {
        final List<String> notes = new ArrayList<>();
        boolean outOfReach = true;

        @Override
        public boolean failed(RuntimeException failure) {
            notes.add("failed: " + failure.getMessage());
            return outOfReach;
        }

        @Override
        public void worked() {
            notes.add("worked");
        }
    }

    /** What the relay logs (the JDK's System.Logger goes to java.util.logging here: the application has no other). */
    private static final class RelayLog extends Handler implements AutoCloseable {
        final List<LogRecord> records = new ArrayList<>();
        private final Logger logger = Logger.getLogger(DeliveryRelay.class.getName());

        RelayLog() {
            logger.addHandler(this);
        }

        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }

    private static final class MemoryOutbox implements DeliveryOutbox {
        final TreeMap<Long, Delivery> rows = new TreeMap<>();
        final Map<Long, DeliveryRoute> routes = new HashMap<>();
        static final String AWAY = "Failed to obtain JDBC Connection (the database went away after the claim)";
        /** Thrown by every statement while set: the database away, or any other failure of the outbox. */
        RuntimeException away;
        /** How many of the next marks (sent, failed, late) fail as a database away would. */
        int marksAway;
        /** The node that claims each row, until a mark ends its claim (no lease here: a claim lasts until then). */
        final Map<Long, String> claimedBy = new HashMap<>();

        @Override
        public List<Long> campaignsWithUntriedDeliveries() {
            return List.of();
        }

        void add(int count) {
            add(count, DeliveryRoute.START_UP_SETTING);
        }

        void add(int count, DeliveryRoute route) {
            add(count, route, DeliveryRoute.START_UP_SETTING_NAME);
        }

        /** Deliveries to a stored destination of this name, as the outbox's rows name it. */
        void add(int count, DeliveryRoute route, String destination) {
            long first = rows.isEmpty() ? 1 : rows.lastKey() + 1;
            LongStream.range(first, first + count).forEach(id -> {
                rows.put(id, new Delivery(id, "c" + id, null, null, Channel.EMAIL, "Hi", null, ActionList.DEFAULT, DeliveryStatus.PENDING, 0, null,
                        destination));
                routes.put(id, route);
            });
        }

        @Override
        public List<DeliveryRoute> unsentRoutes(long campaignId) {
            if (away != null) {
                throw away;
            }
            return rows.values().stream().filter(d -> d.status() != DeliveryStatus.SENT).map(d -> routes.get(d.deliveryId())).distinct().toList();
        }

        @Override
        public long enqueue(long campaignId) {
            return 0;
        }

        @Override
        public List<Delivery> claim(long campaignId, DeliveryRoute route, long afterDeliveryId, int limit, String node, Duration lease) {
            List<Delivery> claimed = rows.tailMap(afterDeliveryId, false).values().stream().filter(d -> d.status() != DeliveryStatus.SENT)
                    .filter(d -> routes.get(d.deliveryId()).equals(route)).filter(d -> !claimedBy.containsKey(d.deliveryId())).limit(limit).toList();
            claimed.forEach(d -> claimedBy.put(d.deliveryId(), node));
            return claimed;
        }

        @Override
        public void markSent(List<Long> ids, int attempts, Instant at) {
            mark(ids, DeliveryStatus.SENT, attempts, null);
        }

        @Override
        public void markFailed(List<Long> ids, int attempts, String error, Instant at) {
            mark(ids, DeliveryStatus.FAILED, attempts, error);
        }

        @Override
        public int markLate(BatchOutcome outcome, String node) {
            List<Long> held = outcome.deliveryIds().stream().filter(id -> node.equals(claimedBy.get(id))).toList();
            mark(held, outcome.status(), outcome.attempts(), outcome.error());
            return held.size();
        }

        private void mark(List<Long> ids, DeliveryStatus status, int attempts, String error) {
            if (marksAway > 0) {
                marksAway--;
                throw new IllegalStateException(AWAY);
            }
            ids.forEach(id -> {
                rows.computeIfPresent(id, (k, d) -> with(d, status, attempts, error));
                claimedBy.remove(id);
            });
        }

        private static Delivery with(Delivery d, DeliveryStatus status, int attempts, String error) {
            return new Delivery(d.deliveryId(), d.customerId(), d.email(), d.phone(), d.channel(), d.content(), d.discountPercent(), d.actionList(), status,
                    d.attempts() + attempts, error == null ? d.lastError() : error, d.destination());
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

    private static final class MemoryDestinations implements StoredDestinations {

        @Override
        public void lockForUse() {
        }
        final Map<Long, StoredDestination> byId = new HashMap<>();

        @Override
        public void lockForChange() {
        }

        StoredDestination add(long id, String name, String url) {
            StoredDestination destination = new StoredDestination(id, name, URI.create(url), "whsec_" + name, Set.of(), Instant.EPOCH,
                    Instant.EPOCH, "admin");
            byId.put(id, destination);
            return destination;
        }

        @Override
        public List<StoredDestination> all() {
            return List.copyOf(byId.values());
        }

        @Override
        public Optional<StoredDestination> named(String name) {
            return byId.values().stream().filter(d -> d.name().equals(name)).findFirst();
        }

        @Override
        public Optional<StoredDestination> byId(long id) {
            return Optional.ofNullable(byId.get(id));
        }

        @Override
        public StoredDestination create(DestinationSettings settings, String by) {
            throw new UnsupportedOperationException();
        }

        @Override
        public StoredDestination update(DestinationSettings settings, String by) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean delete(String name) {
            throw new UnsupportedOperationException();
        }
    }
}
