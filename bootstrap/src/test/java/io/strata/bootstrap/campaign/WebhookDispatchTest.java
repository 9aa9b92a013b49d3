package io.strata.bootstrap.campaign;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.Headers;
import com.zaxxer.hikari.HikariDataSource;
import ch.qos.logback.classic.Level;
import io.strata.adapters.delivery.ConfiguredDestination;
import io.strata.application.campaign.DeliveryRelay;
import io.strata.bootstrap.LogLines;
import io.strata.bootstrap.StrataApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import tools.jackson.databind.JsonNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The webhook adapter against a tiny HTTP server on localhost that fails when told to. */
class WebhookDispatchTest extends CampaignTestSupport {

    @Autowired
    ConfiguredDestination webhook;

    @Autowired
    HikariDataSource dataSource;

    private HttpServer server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    /** The bodies as the bytes that arrived: a receiver verifies these, before decoding anything. */
    private final List<byte[]> rawBodies = new CopyOnWriteArrayList<>();
    private final List<Headers> headers = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    @BeforeEach
    void receiver() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            rawBodies.add(raw);
            received.add(new String(raw, StandardCharsets.UTF_8));
            headers.add(exchange.getRequestHeaders());
            boolean fail = failuresLeft.getAndDecrement() > 0;
            byte[] answer = (fail ? "busy" : "ok").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(fail ? 503 : 200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        webhook.useTarget("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
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
                .allSatisfy(row -> assertThat(row).endsWith(",SENT,2,,,STRATA_DISPATCH_WEBHOOK_URL"));
    }

    /**
     * The failed batch's WARN line names the campaign by id and name, as an operator knows it (before session 55, by its
     * id alone: "campaign 12: …").
     */
    @Test
    void anEndpointThatKeepsFailingLeavesTheDeliveriesFailedWithTheirErrorAndALaterDispatchSendsThem() throws Exception {
        failuresLeft.set(Integer.MAX_VALUE);

        long id;
        List<String> failed;
        try (LogLines relay = new LogLines(DeliveryRelay.class, Level.INFO)) {
            id = launchedCampaign(winBack("20"), null);
            awaitDeliveries(id, d -> d.get("failed").asLong() > 0);

            assertThat(received).hasSize(4);
            failed = lines(get("/api/v1/campaigns/" + id + "/deliveries", "text/csv").body());
            assertThat(failed.subList(1, failed.size())).isNotEmpty().allSatisfy(row -> assertThat(row).contains(",FAILED,4,HTTP 503 from"));
            assertThat(relay.await(Level.WARN, line -> true, 1, 10)).isTrue();
            assertThat(relay.lines(Level.WARN, line -> true)).containsExactly("campaign " + id + " \"Win back at risk\": " + (failed.size() - 1)
                    + " deliveries to STRATA_DISPATCH_WEBHOOK_URL failed after 4 attempts: HTTP 503 from http://127.0.0.1:"
                    + server.getAddress().getPort() + "/hook: busy");
        }

        failuresLeft.set(0);
        HttpResponse<String> dispatch = action(id, "dispatch", "");

        assertThat(dispatch.statusCode()).isEqualTo(202);
        JsonNode dispatched = json(dispatch);
        assertThat(dispatched.get("webhookConfigured").asBoolean()).isTrue();
        assertThat(dispatched.get("queued").asLong()).isEqualTo(failed.size() - 1);
        JsonNode after = awaitDeliveries(id, d -> d.get("pending").asLong() == 0 && d.get("failed").asLong() == 0);
        assertThat(after.get("sent").asLong()).isEqualTo(failed.size() - 1);
        assertThat(received).hasSize(5);
    }

    @Test
    void theApplicationRefusesToStartWithAPlainHttpWebhookToAnotherHost() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(StrataApplication.class).run("--server.port=0",
                "--strata.db.url=" + dataSource.getJdbcUrl(), "--strata.db.user=" + dataSource.getUsername(), "--strata.db.password=" + dataSource.getPassword(), "--strata.db.pool-size=4",
                "--strata.dispatch.webhook-url=http://crm.example.com/hook", "--strata.dispatch.webhook-secret=" + WEBHOOK_SECRET).close())
                .rootCause().hasMessage("STRATA_DISPATCH_WEBHOOK_URL http://crm.example.com/hook is plain http to crm.example.com, which is not"
                        + " this machine: deliveries carry email addresses and phone numbers, so Strata sends them over https only. Use an"
                        + " https URL, or set STRATA_DISPATCH_ALLOW_PLAIN_HTTP=true if the network to the receiver is trusted.");
    }

    /** The Standard Webhooks specification's example, computed here with javax.crypto from the formula, not by Strata's signer. */
    @Test
    void theTestsVerifierReproducesTheSpecificationsExampleSignature() throws Exception {
        assertThat(expectedSignature("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330",
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void everyRequestIsSignedAsStandardWebhooksSaysAndARetryKeepsItsWebhookId() throws Exception {
        failuresLeft.set(1);
        long before = Instant.now().getEpochSecond();

        long id = launchedCampaign(winBack("20"), null);
        awaitDeliveries(id, d -> d.get("pending").asLong() == 0);

        assertThat(received).hasSize(2);
        for (int i = 0; i < 2; i++) {
            Headers request = headers.get(i);
            String timestamp = request.getFirst("webhook-timestamp");
            assertThat(Long.parseLong(timestamp)).isBetween(before - 1, Instant.now().getEpochSecond() + 1);
            assertThat(request.getFirst("webhook-signature")).isEqualTo(expectedSignature(WEBHOOK_SECRET, request.getFirst("webhook-id"),
                    timestamp, received.get(i).getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(headers.get(0).getFirst("webhook-id")).startsWith("msg_").isEqualTo(headers.get(1).getFirst("webhook-id"));
    }

    /**
     * From a receiver's side: the bytes as they arrived, verified by campaigns.md's Java verifier ("Signed requests")
     * word for word, for a body beyond ASCII (the content "Zoë, ¡vuelve! 😀" holds two- and four-byte UTF-8), whose
     * signature a verifier that decoded and re-encoded the body, or a signer that did, could get wrong where an ASCII
     * body agrees (session 52 probe). A byte changed is refused, so the verifier can say no.
     */
    @Test
    void aReceiverVerifiesTheExactBytesItGotWithTheDocumentedAlgorithmAndSecret() throws Exception {
        String content = "Zo\u00eb, \u00a1vuelve! \uD83D\uDE00";
        long id = launchedCampaign(winBack("20").replace("template:winback-1", content), null);
        awaitDeliveries(id, d -> d.get("pending").asLong() == 0);

        assertThat(rawBodies).hasSize(1);
        byte[] raw = rawBodies.get(0);
        Headers request = headers.get(0);
        assertThat(request.getFirst("Content-Type")).isEqualTo("application/json");
        assertThat(verifiedAsDocumented(WEBHOOK_SECRET, request, raw)).as("the documented verifier over the bytes received").isTrue();
        assertThat(JSON.readTree(new String(raw, StandardCharsets.UTF_8)).get("deliveries").get(0).get("content").asText()).isEqualTo(content);
        assertThat(new String(raw, StandardCharsets.ISO_8859_1)).as("the content's UTF-8 bytes, unescaped, are among those signed")
                .contains(new String(content.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));

        byte[] changed = raw.clone();
        changed[changed.length / 2] ^= 1;
        assertThat(verifiedAsDocumented(WEBHOOK_SECRET, request, changed)).as("a body changed by one bit").isFalse();
    }

    /** docs/campaigns.md's verifier as a receiver would paste it. */
    private static boolean verifiedAsDocumented(String secret, Headers headers, byte[] rawBody) throws Exception {
        String webhookId = headers.getFirst("webhook-id");
        String webhookTimestamp = headers.getFirst("webhook-timestamp");
        String webhookSignature = headers.getFirst("webhook-signature");
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        mac.update((webhookId + "." + webhookTimestamp + ".").getBytes(StandardCharsets.UTF_8));
        String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(rawBody));
        boolean fresh = Math.abs(Instant.now().getEpochSecond() - Long.parseLong(webhookTimestamp)) <= 300;
        // webhook-signature may list several signatures separated by spaces; accept if one matches
        return fresh && java.util.Arrays.stream(webhookSignature.split(" ")).anyMatch(candidate ->
                java.security.MessageDigest.isEqual(candidate.getBytes(StandardCharsets.US_ASCII), expected.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String expectedSignature(String secret, String messageId, String timestamp, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        mac.update((messageId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
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
}
