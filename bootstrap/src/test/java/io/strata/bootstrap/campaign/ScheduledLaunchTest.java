package io.strata.bootstrap.campaign;

import io.strata.application.schedule.DueWorkReport;
import io.strata.application.schedule.port.in.RunDueWork;
import io.strata.bootstrap.SteerableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scheduled campaign launches by itself at its start, from the latest completed run, exactly as a manual launch
 * would; one whose target segment is gone is flagged instead. The hand-made base with no control group: at_risk has 20
 * members, w01 refused email and w20 was never asked, so 18 are treated and get a delivery.
 */
class ScheduledLaunchTest extends CampaignTestSupport {

    @Autowired
    SteerableClock clock;

    @org.junit.jupiter.api.AfterEach
    void backToTheSystemsTime() {
        clock.reset();
    }

    @Autowired
    RunDueWork dueWork;

    @Autowired
    io.strata.adapters.delivery.ConfiguredDestination webhook;

    @BeforeEach
    void base() throws Exception {
        handMadeBase();
        activeRfmClassic();
        run("2024-06-30");
    }

    @Test
    void aScheduledCampaignLaunchesByItselfAtItsStartAndOnlyOnce() throws Exception {
        long id = scheduledInAnHour();
        Instant startAt = Instant.parse(json(get("/api/v1/campaigns/" + id)).get("startAt").asString());

        DueWorkReport early = dueWork.runDueWork();
        JsonNode calendar = json(get("/api/v1/calendar?days=2"));
        clock.advance(Duration.ofHours(1));
        DueWorkReport atStart = dueWork.runDueWork();
        DueWorkReport later = dueWork.runDueWork();

        assertThat(early.launched()).isEmpty();
        assertThat(calendar.get("launches")).hasSize(1);
        assertThat(calendar.get("launches").get(0).get("campaignId").asLong()).isEqualTo(id);
        assertThat(Instant.parse(calendar.get("launches").get(0).get("startAt").asString())).isEqualTo(startAt);
        assertThat(atStart.launched()).containsExactly(id);
        assertThat(later.launched()).isEmpty();
        JsonNode campaign = json(get("/api/v1/campaigns/" + id));
        assertThat(campaign.get("state").asString()).isEqualTo("RUNNING");
        JsonNode audience = json(get("/api/v1/campaigns/" + id + "/audience"));
        assertThat(audience.get("members").asLong()).isEqualTo(20);
        assertThat(audience.get("treatment").asLong()).isEqualTo(18);
        assertThat(jdbc.sql("select count(*) from campaign_deliveries where campaign_id = ?").param(id).query(Long.class).single()).isEqualTo(18);
        assertThat(auditEntries(id, "LAUNCHED", "system")).isEqualTo(1);
        assertThat(json(get("/api/v1/calendar?days=2")).get("launches")).isEmpty();
    }

    @Test
    void aScheduledCampaignWhoseTargetNoLongerExistsIsFlaggedWithTheReasonAndNotLaunched() throws Exception {
        long id = scheduledInAnHour();
        HttpResponse<String> other = post("/api/v1/segmentations", "application/json", "{\"name\":\"Tiers\",\"template\":\"frequency-tiers\"}");
        assertThat(other.statusCode()).as(other.body()).isEqualTo(201);
        assertThat(post("/api/v1/segmentations/" + json(other).get("id").asLong() + "/activate", "application/json", "").statusCode()).isEqualTo(200);
        clock.advance(Duration.ofHours(1));

        DueWorkReport atStart = dueWork.runDueWork();
        DueWorkReport later = dueWork.runDueWork();

        assertThat(atStart.launched()).isEmpty();
        assertThat(atStart.flagged()).containsExactly(id);
        assertThat(later.flagged()).as("flagged once, not at every look").isEmpty();
        assertThat(json(get("/api/v1/campaigns/" + id)).get("state").asString()).isEqualTo("SCHEDULED");
        assertThat(jdbc.sql("select count(*) from campaign_audience where campaign_id = ?").param(id).query(Long.class).single()).isZero();
        String reason = "not launched: its target segment 'at_risk' is not a segment of the active general segmentation Tiers"
                + " (another segmentation was activated); launch it by hand once that is right, or cancel it";
        JsonNode flagged = json(get("/api/v1/calendar")).get("flagged");
        assertThat(flagged).hasSize(1);
        assertThat(flagged.get(0).get("campaignId").asLong()).isEqualTo(id);
        assertThat(flagged.get(0).get("flagReason").asString()).isEqualTo(reason);
        assertThat(auditEntries(id, "FLAGGED", "system")).isEqualTo(1);
        assertThat(jdbc.sql("select detail from audit_events where subject_type = 'campaign' and subject_id = ? and action = 'FLAGGED'")
                .param(Long.toString(id)).query(String.class).single()).isEqualTo(reason);
        String page = consolePage("/calendar");
        assertThat(page).contains("id=\"flagged-" + id + "\"")
                .contains("is not a segment of the active general segmentation Tiers (another segmentation was activated)");

        // launched by hand once Tiers has run: refused with what can be done (until session 56 it said to edit the target,
        // which a scheduled campaign cannot: 409 "cannot edit")
        run("2024-06-30");
        HttpResponse<String> byHand = action(id, "launch", "");
        assertThat(byHand.statusCode()).as(byHand.body()).isEqualTo(409);
        long tiersRun = jdbc.sql("select max(run_id) from segmentation_runs where status = 'COMPLETED'").query(Long.class).single();
        assertThat(json(byHand).get("detail").asString()).isEqualTo("the latest completed run " + tiersRun + " (Tiers) has no segment"
                + " 'at_risk'; activate the general segmentation that has it and run it, or cancel the campaign and plan it again (a"
                + " scheduled campaign's target can no longer be edited)");
        assertThat(action(id, "cancel", "").statusCode()).as("what the refusal says can be done").isEqualTo(200);
    }

    /**
     * A node that stops after a launch committed, before its relay sent anything, leaves the deliveries as the launch
     * wrote them: PENDING, never tried, claimed by no one (recreated here by resetting sent rows to that state, as no
     * other node would ever touch them). The next look at the clock, on any node, relays them: the 18 treated customers
     * arrive once each.
     */
    @Test
    void deliveriesALaunchLeftUntriedGoOutAtTheNextLookAtTheClockOnceEach() throws Exception {
        long id = scheduledInAnHour();
        java.util.List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            JSON.readTree(exchange.getRequestBody().readAllBytes()).get("deliveries").forEach(d -> received.add(d.get("customerId").asText()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            webhook.useTarget("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
            clock.advance(Duration.ofHours(1));
            assertThat(dueWork.runDueWork().launched()).containsExactly(id);
            awaitDeliveries(id, d -> d.get("sent").asLong() == 18);
            received.clear();
            int reset = jdbc.sql("update campaign_deliveries set status = 'PENDING', attempts = 0, sent_at = null, last_attempt_at = null,"
                    + " claimed_by = null, claimed_until = null where campaign_id = ?").param(id).update();
            assertThat(reset).isEqualTo(18);

            dueWork.runDueWork();
            JsonNode deliveries = awaitDeliveries(id, d -> d.get("sent").asLong() == 18);

            assertThat(deliveries.get("pending").asLong()).isZero();
            assertThat(received).hasSize(18).doesNotHaveDuplicates().doesNotContain("w01", "w20");
        } finally {
            webhook.useTarget(null);
            server.stop(0);
        }
    }

    /** A console page as the admin sees it, after logging in through the form. */
    private String consolePage(String path) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL)).build();
        String login = browser.send(HttpRequest.newBuilder(uri("/login")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(login);
        assertThat(csrf.find()).as("the login form has a CSRF token").isTrue();
        String form = "username=admin&password=" + URLEncoder.encode(ADMIN_PASSWORD, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        browser.send(HttpRequest.newBuilder(uri("/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        return page.body();
    }

    private long scheduledInAnHour() throws Exception {
        long id = createCampaign(winBack("0"));
        Instant startAt = clock.instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        HttpResponse<String> scheduled = action(id, "schedule", "{\"startAt\":\"" + startAt + "\"}");
        assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(200);
        return id;
    }

    private long auditEntries(long campaignId, String action, String actor) {
        return jdbc.sql("select count(*) from audit_events where subject_type = 'campaign' and subject_id = ? and action = ? and actor = ?")
                .params(Long.toString(campaignId), action, actor).query(Long.class).single();
    }
}
