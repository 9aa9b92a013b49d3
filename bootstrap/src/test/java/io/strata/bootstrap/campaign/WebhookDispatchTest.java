package io.strata.bootstrap.campaign;

import com.sun.net.httpserver.HttpServer;
import io.strata.adapters.web.campaign.HttpDeliveryWebhook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The webhook adapter against a tiny HTTP server on localhost that fails when told to. */
class WebhookDispatchTest extends CampaignTestSupport {

    @Autowired
    HttpDeliveryWebhook webhook;

    private HttpServer server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    @BeforeEach
    void receiver() throws Exception {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/hook", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            boolean fail = failuresLeft.getAndDecrement() > 0;
            byte[] answer = (fail ? "busy" : "ok").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(fail ? 503 : 200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        webhook.useTarget("http://localhost:" + server.getAddress().getPort() + "/hook");
        handMadeBase();
        activeRfmClassic();
        run("2024-06-30");
    }

    @AfterEach
    void stop() {
        webhook.useTarget(null);
        server.stop(0);
    }

    @Test
    void aBatchRefusedOnceIsRetriedAndEveryTreatedCustomerEndsUpSent() throws Exception {
        failuresLeft.set(1);

        long id = launchedCampaign(winBack("20"), null);
        JsonNode deliveries = awaitDeliveries(id, d -> d.get("pending").asLong() == 0);

        long treatment = json(get("/api/v1/campaigns/" + id + "/audience")).get("treatment").asLong();
        assertThat(deliveries.get("sent").asLong()).isEqualTo(treatment);
        assertThat(received).hasSize(2);
        JsonNode batch = JSON.readTree(received.get(1));
        assertThat(batch.get("campaignId").asLong()).isEqualTo(id);
        assertThat(batch.get("deliveries").size()).isEqualTo((int) treatment);
        assertThat(batch.get("deliveries").get(0).get("channel").asText()).isEqualTo("email");
        assertThat(received.get(0)).isEqualTo(received.get(1));
        assertThat(lines(get("/api/v1/campaigns/" + id + "/deliveries", "text/csv").body()).subList(1, (int) treatment + 1))
                .allSatisfy(row -> assertThat(row).endsWith(",SENT,2,,"));
    }

    @Test
    void anEndpointThatKeepsFailingLeavesTheDeliveriesFailedWithTheirErrorAndALaterDispatchSendsThem() throws Exception {
        failuresLeft.set(Integer.MAX_VALUE);

        long id = launchedCampaign(winBack("20"), null);
        awaitDeliveries(id, d -> d.get("failed").asLong() > 0);

        assertThat(received).hasSize(4);
        List<String> failed = lines(get("/api/v1/campaigns/" + id + "/deliveries", "text/csv").body());
        assertThat(failed.subList(1, failed.size())).isNotEmpty().allSatisfy(row -> assertThat(row).contains(",FAILED,4,HTTP 503 from"));

        failuresLeft.set(0);
        JsonNode dispatched = json(action(id, "dispatch", ""));

        assertThat(dispatched.get("webhookConfigured").asBoolean()).isTrue();
        assertThat(dispatched.get("deliveries").get("failed").asLong()).isZero();
        assertThat(dispatched.get("deliveries").get("sent").asLong()).isEqualTo(failed.size() - 1);
        assertThat(received).hasSize(5);
    }

    @Test
    void eachDeliveryCarriesTheActionOfItsCustomersActionListAndTheList() throws Exception {
        TacticalBase base = tacticalBase();
        long id = launchedCampaign("""
                {"name": "Per screen", "targetSegment": "at_risk", "controlGroupPercent": 0,
                 "actions": [{"channel": "offer", "discountPercent": 10, "content": "WB10"}],
                 "tacticalActions": [{"tacticalSegmentId": %d, "channel": "sms", "content": "TV night"}]}""".formatted(base.smartTv()), null);

        awaitDeliveries(id, d -> d.get("pending").asLong() == 0);

        // no control group: w01-w06 (SMS opt-in) get the SMS, w07 and w08 (smart TV, no SMS opt-in) nothing, w09-w20 the offer
        Map<String, String> sent = new TreeMap<>();
        received.forEach(body -> JSON.readTree(body).get("deliveries").forEach(d -> sent.put(d.get("customerId").asText(),
                d.get("channel").asText() + " " + d.get("content").asText() + " "
                        + (d.get("tacticalSegmentId").isNull() ? "default" : d.get("tacticalSegmentId").asLong()))));
        assertThat(sent).hasSize(18).containsEntry("w01", "sms TV night " + base.smartTv()).containsEntry("w06", "sms TV night " + base.smartTv())
                .containsEntry("w09", "offer WB10 default").containsEntry("w20", "offer WB10 default").doesNotContainKeys("w07", "w08");
    }

    private JsonNode awaitDeliveries(long id, java.util.function.Predicate<JsonNode> done) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            JsonNode deliveries = json(get("/api/v1/campaigns/" + id + "/audience")).get("deliveries");
            if (done.test(deliveries)) {
                return deliveries;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the deliveries of campaign " + id + " did not get there in 20 s");
    }
}
