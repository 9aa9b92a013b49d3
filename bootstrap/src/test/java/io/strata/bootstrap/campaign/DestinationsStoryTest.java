package io.strata.bootstrap.campaign;

import com.sun.net.httpserver.HttpServer;
import io.strata.adapters.delivery.ConfiguredDestination;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhook destinations admins manage: each delivery goes to the destination its action names, else to its channel's
 * default destination, else to the start-up setting; the download says where each went; secrets are never shown in full.
 */
class DestinationsStoryTest extends CampaignTestSupport {

    /** Base64 of "crm-email-signing-key-0123456789" and "sms-gateway-signing-key-01234567" (32 bytes each). */
    private static final String CRM_SECRET = "whsec_Y3JtLWVtYWlsLXNpZ25pbmcta2V5LTAxMjM0NTY3ODk=";
    private static final String SMS_SECRET = "whsec_c21zLWdhdGV3YXktc2lnbmluZy1rZXktMDEyMzQ1Njc=";
    /** The campaign and launch of TacticalActionsCampaignStoryTest, so its hand-computed treatment applies. */
    private static final long CAMPAIGN = 2006;
    private static final String LAUNCH = "2024-07-01T12:00:00Z";

    @Autowired
    ConfiguredDestination startUpSetting;

    private HttpServer server;
    private String base;
    /** path → customer ids received there, in arrival order. */
    private final Map<String, List<String>> received = new ConcurrentHashMap<>();
    private final List<String> signatureProblems = new CopyOnWriteArrayList<>();

    @BeforeEach
    void receivers() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        Map<String, String> secrets = Map.of("/crm", CRM_SECRET, "/sms", SMS_SECRET, "/startup", WEBHOOK_SECRET);
        secrets.forEach((path, secret) -> server.createContext(path, exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var headers = exchange.getRequestHeaders();
            try {
                String expected = signature(secret, headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"), body);
                if (!expected.equals(headers.getFirst("webhook-signature"))) {
                    signatureProblems.add(path + ": " + headers.getFirst("webhook-signature") + " is not " + expected);
                }
            } catch (Exception e) {
                signatureProblems.add(path + ": " + e);
            }
            JSON.readTree(body).get("deliveries").forEach(d ->
                    received.computeIfAbsent(path, k -> new CopyOnWriteArrayList<>()).add(d.get("customerId").asText()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        }));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        startUpSetting.useTarget(null);
    }

    @AfterEach
    void stop() {
        startUpSetting.useTarget(null);
        server.stop(0);
    }

    @Test
    void eachDeliveryGoesToItsActionsDestinationElseItsChannelsDefaultElseTheStartUpSetting() throws Exception {
        TacticalBase tactical = tacticalBase();
        assertThat(createDestination("crm-email", base + "/crm", CRM_SECRET, "[\"email\"]").statusCode()).isEqualTo(201);
        assertThat(createDestination("sms-gateway", base + "/sms", SMS_SECRET, "[]").statusCode()).isEqualTo(201);
        startUpSetting.useTarget(base + "/startup");

        // email: crm-email is its channel's default; the Smart TV SMS names sms-gateway; push has no stored default
        nextCampaignId(CAMPAIGN);
        long id = launchedCampaign("""
                {"name": "Win back by screen and city", "targetSegment": "at_risk",
                 "actions": [{"channel": "email", "content": "template:winback-1"}],
                 "tacticalActions": [{"tacticalSegmentId": %d, "channel": "sms", "content": "TV night", "destination": "sms-gateway"},
                                     {"tacticalSegmentId": %d, "channel": "push", "content": "Paris store event"}],
                 "controlGroupPercent": 30, "attributionWindowDays": 30}""".formatted(tactical.smartTv(), tactical.paris()), LAUNCH);
        JsonNode plan = json(get("/api/v1/campaigns/" + id, "application/json"));
        assertThat(plan.get("actions").get(0).get("destination").isNull()).isTrue();
        assertThat(plan.get("tacticalActions").get(0).get("destination").asText()).isEqualTo("sms-gateway");

        awaitDeliveries(id, d -> d.get("sent").asLong() == 9);
        // treatment as computed by hand in TacticalActionsCampaignStoryTest: SMS w02, w03, w06; push w09, w11; email w15, w17–w19
        assertThat(new TreeMap<>(received)).isEqualTo(new TreeMap<>(Map.of(
                "/crm", List.of("w15", "w17", "w18", "w19"),
                "/sms", List.of("w02", "w03", "w06"),
                "/startup", List.of("w09", "w11"))));
        assertThat(signatureProblems).isEmpty();

        List<String> csv = lines(get("/api/v1/campaigns/" + id + "/deliveries", "text/csv").body());
        assertThat(csv.get(0)).endsWith(",tactical_segment_id,destination");
        List<String> whereTheyWent = new ArrayList<>();
        csv.subList(1, csv.size()).forEach(row -> whereTheyWent.add(row.substring(0, 3) + " " + row.substring(row.lastIndexOf(',') + 1)));
        assertThat(whereTheyWent).containsExactly("w02 sms-gateway", "w03 sms-gateway", "w06 sms-gateway",
                "w09 STRATA_DISPATCH_WEBHOOK_URL", "w11 STRATA_DISPATCH_WEBHOOK_URL",
                "w15 crm-email", "w17 crm-email", "w18 crm-email", "w19 crm-email");

        // a destination deliveries went to stays, so they keep saying where they went
        HttpResponse<String> delete = send(HttpRequest.newBuilder(uri("/api/v1/destinations/crm-email"))
                .header("Authorization", "Bearer " + TOKEN).DELETE().build());
        assertThat(delete.statusCode()).as(delete.body()).isEqualTo(409);
    }

    @Test
    void theSecretIsNeverShownInFullAndAChangeKeepsItUnlessANewOneIsGiven() throws Exception {
        emptyDatabase();
        HttpResponse<String> created = createDestination("crm-email", "https://crm.example.com/hooks/strata", CRM_SECRET, "[\"email\", \"sms\"]");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/destinations/crm-email");
        JsonNode body = json(created);
        assertThat(body.get("secretHint").asText()).isEqualTo("whsec_…ODk=");
        assertThat(body.get("channels").toString()).isEqualTo("[\"email\",\"sms\"]");
        for (HttpResponse<String> shown : List.of(created, get("/api/v1/destinations", "application/json"),
                get("/api/v1/destinations/crm-email", "application/json"))) {
            assertThat(shown.body()).doesNotContain("Y3JtLWVtYWlsLXNpZ25pbmcta2V5LTAxMjM0NTY3").doesNotContain("\"secret\"");
        }

        HttpResponse<String> changed = put("/api/v1/destinations/crm-email", "{\"url\": \"https://crm.example.com/v2\", \"channels\": [\"email\"]}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(json(changed).get("secretHint").asText()).isEqualTo("whsec_…ODk=");
        assertThat(json(changed).get("url").asText()).isEqualTo("https://crm.example.com/v2");
        assertThat(jdbc.sql("select secret from delivery_destinations where name = 'crm-email'").query(String.class).single()).isEqualTo(CRM_SECRET);
        HttpResponse<String> rotated = put("/api/v1/destinations/crm-email", "{\"url\": \"https://crm.example.com/v2\", \"secret\": \""
                + SMS_SECRET + "\", \"channels\": [\"email\"]}");
        assertThat(json(rotated).get("secretHint").asText()).isEqualTo("whsec_…Njc=");
        assertThat(get("/api/v1/audit", "application/json").body()).contains("\"subjectType\":\"destination\"")
                .doesNotContain("Y3JtLWVtYWlsLXNpZ25pbmcta2V5")
                .doesNotContain("c21zLWdhdGV3YXktc2lnbmluZy1rZXkt");

        HttpResponse<String> unused = send(HttpRequest.newBuilder(uri("/api/v1/destinations/crm-email"))
                .header("Authorization", "Bearer " + TOKEN).DELETE().build());
        assertThat(unused.statusCode()).isEqualTo(204);
        assertThat(get("/api/v1/destinations/crm-email", "application/json").statusCode()).isEqualTo(404);
    }

    @Test
    void badUrlsUnknownChannelsTakenNamesAndUnknownDestinationsAreRefusedNamingTheField() throws Exception {
        TacticalBase tactical = tacticalBase();
        assertThat(createDestination("crm-email", "https://crm.example.com/hook", CRM_SECRET, "[\"email\"]").statusCode()).isEqualTo(201);

        assertRefused(createDestination("crm-email", "https://other.example.com/hook", SMS_SECRET, "[]"), "name");
        assertRefused(createDestination("CRM Email", "https://other.example.com/hook", SMS_SECRET, "[]"), "name");
        assertRefused(createDestination("other", "ftp://crm.example.com/hook", SMS_SECRET, "[]"), "url");
        assertRefused(createDestination("other", "not a url", SMS_SECRET, "[]"), "url");
        assertRefused(createDestination("other", "http://crm.example.com/hook", SMS_SECRET, "[]"), "url");
        assertRefused(createDestination("other", "https://crm.example.com/hook", "whsec_c2hvcnQ=", "[]"), "secret");
        assertRefused(createDestination("other", "https://crm.example.com/hook", "", "[]"), "secret");
        assertRefused(createDestination("other", "https://crm.example.com/hook", SMS_SECRET, "[\"sms\", \"fax\"]"), "channels[1]");
        assertRefused(createDestination("other", "https://crm.example.com/hook", SMS_SECRET, "[\"email\"]"), "channels[0]");
        assertThat(get("/api/v1/destinations", "application/json").body()).doesNotContain("\"name\":\"other\"");

        HttpResponse<String> plan = post("/api/v1/campaigns", "application/json", """
                {"name": "Win back", "targetSegment": "at_risk",
                 "actions": [{"channel": "email", "content": "template:winback-1", "destination": "crm-email"},
                             {"channel": "sms", "content": "Hi", "destination": "nowhere"}]}""");
        assertRefused(plan, "actions[1].destination");
        HttpResponse<String> tacticalPlan = post("/api/v1/campaigns", "application/json", """
                {"name": "Win back", "targetSegment": "at_risk", "actions": [{"channel": "email", "content": "template:winback-1"}],
                 "tacticalActions": [{"tacticalSegmentId": %d, "channel": "sms", "content": "Hi", "destination": "nowhere"}]}"""
                .formatted(tactical.smartTv()));
        assertRefused(tacticalPlan, "tacticalActions[0].destination");
    }

    /**
     * Admins adding destinations at the same moment, each claiming the sms channel and some the same name: one wins,
     * every other gets the refusal naming its field, never a server error (the checks and the write are one held change).
     */
    @Test
    void destinationsAddedAtTheSameMomentClaimingOneChannelOrNameGetOneWinnerAndRefusalsNeverAServerError() throws Exception {
        int admins = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(admins);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<HttpResponse<String>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < admins; i++) {
                String name = i % 2 == 0 ? "gateway" : "gateway-" + i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return createDestination(name, "https://sms.example.com/hook", SMS_SECRET, "[\"sms\"]");
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            List<String> fields = new ArrayList<>();
            for (var answer : answers) {
                HttpResponse<String> response = answer.get();
                statuses.add(response.statusCode());
                if (response.statusCode() == 400) {
                    fields.add(json(response).get("field").asText());
                }
            }
            assertThat(statuses).as("one created, seven refused").containsExactlyInAnyOrder(201, 400, 400, 400, 400, 400, 400, 400);
            assertThat(fields).allSatisfy(field -> assertThat(field).isIn("name", "channels[0]"));
        } finally {
            pool.shutdownNow();
        }
        assertThat(json(get("/api/v1/destinations", "application/json")).size()).isEqualTo(1);
    }

    private void assertRefused(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).get("field").asText()).as(response.body()).isEqualTo(field);
    }

    private HttpResponse<String> createDestination(String name, String url, String secret, String channels) throws Exception {
        return post("/api/v1/destinations", "application/json", """
                {"name": "%s", "url": "%s", "secret": "%s", "channels": %s}""".formatted(name, url, secret, channels));
    }

    private static String signature(String secret, String messageId, String timestamp, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        mac.update((messageId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    }
}
