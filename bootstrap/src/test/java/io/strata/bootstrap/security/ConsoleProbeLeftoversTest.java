package io.strata.bootstrap.security;

import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What session 57's browser probe of the console left as found (docs/testing.md, "The console probed in a browser"):
 * the back-test page naming its API parameter, the erase page offering to erase nobody, the tab whose launch was
 * refused saying nothing. (The cancel reason kept in its field: {@link CampaignTextLimitsTest}.)
 */
class ConsoleProbeLeftoversTest extends AdminApi {

    private static final String PASSWORD = "probe leftovers words 57";

    /** Two customers, their orders, an active frequency-tiers segmentation and its completed run; the run's id. */
    private String completedRun() throws Exception {
        emptyDatabase();
        post("/api/v1/imports/customers", "text/csv", "customer_id,email,email_opt_in\nP1,p1@example.com,true\nP2,p2@example.com,true\n");
        post("/api/v1/imports/orders", "text/csv", "order_id,customer_id,ordered_at,amount\npo1,P1,2024-06-01,10\npo2,P2,2024-06-02,10\n");
        String segmentation = field(post("/api/v1/segmentations", "application/json", "{\"name\":\"Tiers\",\"template\":\"frequency-tiers\"}").body(), "id");
        assertThat(post("/api/v1/segmentations/" + segmentation + "/activate", "application/json", "").statusCode()).isEqualTo(200);
        return field(runAndAwaitFollowUps("{\"asOf\":\"2024-06-30\"}").body(), "runId");
    }

    @Test
    void theBackTestPageSaysItsFieldsLabelNotTheApisParameterAndKeepsWhatWasTyped() throws Exception {
        String run = completedRun();
        ConsoleSession analyst = loggedIn("ANALYST", PASSWORD);

        HttpResponse<String> tooMany = analyst.get("/segmentation-runs/" + run + "/back-test?holdoutWeeks=600");
        assertThat(tooMany.statusCode()).isEqualTo(422);
        assertThat(tooMany.body()).contains("Hold out the last … weeks&#39; must be 1 to 520 weeks, not 600; type a number of weeks from 1 to 520")
                .doesNotContain("holdoutWeeks must").contains("value=\"600\"");

        HttpResponse<String> text = analyst.get("/segmentation-runs/" + run + "/back-test?holdoutWeeks=" + URLEncoder.encode("<b>ten</b>", StandardCharsets.UTF_8));
        assertThat(text.statusCode()).isEqualTo(422);
        assertThat(text.body()).contains("Hold out the last … weeks&#39; needs a whole number of weeks from 1 to 520, not &#39;&lt;b&gt;ten&lt;/b&gt;&#39;")
                .contains("value=\"&lt;b&gt;ten&lt;/b&gt;\"").doesNotContain("<b>ten").doesNotContain("Failed to convert");
    }

    @Test
    void theErasePageSaysThereIsNoSuchCustomerAndErasesAndRecordsNothing() throws Exception {
        completedRun();
        ConsoleSession admin = loggedIn("ADMIN", PASSWORD);
        long erasures = jdbc.sql("select count(*) from audit_events where action = 'ERASED'").query(Long.class).single();

        HttpResponse<String> page = admin.get("/admin/customers/nope/erase");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("There is no customer with the id &#39;nope&#39;").doesNotContain("id=\"confirm-erase\"");

        HttpResponse<String> sent = admin.post("/admin/customers/nope/erase", "confirmId=nope", admin.csrfToken());
        assertThat(sent.statusCode()).isEqualTo(404);
        assertThat(sent.body()).contains("There is no customer with the id &#39;nope&#39;").contains("nothing was erased");
        assertThat(jdbc.sql("select count(*) from audit_events where action = 'ERASED'").query(Long.class).single()).isEqualTo(erasures);

        String seventy = "C".repeat(70);
        HttpResponse<String> tooLong = admin.get("/admin/customers/" + seventy + "/erase");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("A customer id has at most 64 characters, and this one has 70")
                .contains("Copy the id from the customer&#39;s page").doesNotContain("Customer_id").doesNotContain("id=\"confirm-erase\"");
        HttpResponse<String> tooLongSent = admin.post("/admin/customers/" + seventy + "/erase", "confirmId=" + seventy, admin.csrfToken());
        assertThat(tooLongSent.statusCode()).isEqualTo(400);
        assertThat(tooLongSent.body()).contains("at most 64 characters").doesNotContain("Customer_id");

        // the customer page of the same id says why no customer has it (session 57: "There is no customer with this id.")
        assertThat(admin.get("/customers/" + seventy).body()).contains("There is no customer with this id: a customer id has at most 64 characters,"
                + " and this one has 70. Look for the customer by the search above");
        assertThat(admin.get("/customers/nope").body()).contains("There is no customer with this id.</p>");

        // a customer who is there is still offered, and erased
        HttpResponse<String> known = admin.get("/admin/customers/P1/erase");
        assertThat(known.statusCode()).isEqualTo(200);
        assertThat(known.body()).contains("id=\"confirm-erase\"").doesNotContain("erase-no-customer");
    }

    @Test
    void ofTwoTabsLaunchingOneCampaignTheRefusedOneSaysItWasLaunchedMeanwhileByWhomAndWhen() throws Exception {
        completedRun();
        String campaign = field(post("/api/v1/campaigns", "application/json", """
                {"name": "Two tabs", "objective": "o", "targetSegment": "newcomers",
                 "actions": [{"channel": "email", "content": "template:hello"}]}""").body(), "id");
        assertThat(post("/api/v1/campaigns/" + campaign + "/schedule", "application/json", "").statusCode()).isEqualTo(200);
        String user = createUser("ADMIN", PASSWORD);
        ConsoleSession admin = new ConsoleSession(port);
        admin.logIn(user, PASSWORD);
        // two tabs: each its own confirmation page, so each its own form
        String first = "_form=" + ConsoleFormSentTwiceTest.fieldOfForm(admin.get("/campaigns/" + campaign + "/launch").body(), "confirm-launch", "_form");
        String second = "_form=" + ConsoleFormSentTwiceTest.fieldOfForm(admin.get("/campaigns/" + campaign + "/launch").body(), "confirm-launch", "_form");
        String csrf = admin.csrfToken();

        List<CompletableFuture<HttpResponse<String>>> sent = List.of(send(admin, "/campaigns/" + campaign + "/launch", first, csrf),
                send(admin, "/campaigns/" + campaign + "/launch", second, csrf));
        List<HttpResponse<String>> answers = List.of(sent.get(0).get(60, TimeUnit.SECONDS), sent.get(1).get(60, TimeUnit.SECONDS));

        List<Integer> statuses = answers.stream().map(HttpResponse::statusCode).sorted().toList();
        assertThat(statuses).containsExactly(302, 409);
        HttpResponse<String> refused = answers.stream().filter(a -> a.statusCode() == 409).findFirst().orElseThrow();
        assertThat(refused.body()).contains("&#39;Two tabs&#39; was launched meanwhile, by " + user + ", at ")
                .containsPattern("at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC, to \\d+ customers")
                .contains("it is RUNNING now, as shown below. Your launch did nothing more.")
                .contains("alert error")
                // shown at the campaign's address, not the launch's (session 58: the launch's, which a reload sent again)
                .contains("<meta name=\"strata-address\" content=\"/campaigns/" + campaign + "\">");
        // the launched tab's own message is still there for its page
        assertThat(admin.get("/campaigns/" + campaign).body()).contains("Launched Two tabs:");
        assertThat(jdbc.sql("select count(*) from audit_events where action = 'LAUNCHED' and subject_id = ?").param(campaign).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void theAccessAndAuditPagesRefuseARoleOrActionTheirListsDoNotOfferInTheirOwnWords() throws Exception {
        ConsoleSession admin = loggedIn("ADMIN", PASSWORD);
        String csrf = admin.csrfToken();

        HttpResponse<String> noRole = admin.post("/admin/users", "username=probe-" + unique() + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
                + "&role=", csrf);
        assertThat(noRole.statusCode()).isEqualTo(422);
        assertThat(noRole.body()).contains("Choose a role: ADMIN, PLANNER or ANALYST.").doesNotContain("&#39;&#39; is not a role").doesNotContain("[ADMIN");

        HttpResponse<String> importer = admin.post("/admin/users", "username=probe-" + unique() + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
                + "&role=IMPORTER", csrf);
        assertThat(importer.statusCode()).isEqualTo(422);
        assertThat(importer.body()).contains("&#39;IMPORTER&#39; is for API tokens; a console user is ADMIN, PLANNER or ANALYST.");

        HttpResponse<String> hostile = admin.post("/admin/tokens", "name=nightly&role=" + URLEncoder.encode("<b>" + "R".repeat(200), StandardCharsets.UTF_8)
                + "&expiresOn=", csrf);
        assertThat(hostile.statusCode()).isEqualTo(422);
        assertThat(hostile.body()).contains("&#39;&lt;b&gt;" + "R".repeat(77) + "…&#39; is not a role of a token; choose ADMIN, PLANNER, ANALYST or IMPORTER.")
                .doesNotContain("<b>RRR").doesNotContain("R".repeat(100));

        HttpResponse<String> action = admin.get("/admin/audit?action=NOPE");
        assertThat(action.statusCode()).isEqualTo(422);
        assertThat(action.body()).contains("&#39;NOPE&#39; is not one of the changes the trail records; choose one under &#39;Did what&#39; (created, changed,")
                .contains("erased").doesNotContain("is not an audit action").doesNotContain("[CREATED");
        HttpResponse<String> day = admin.get("/admin/audit?from=" + "9".repeat(100));
        assertThat(day.statusCode()).isEqualTo(422);
        assertThat(day.body()).contains("&#39;" + "9".repeat(80) + "…&#39; is not a day").doesNotContain("9".repeat(100) + "&#39; is not a day");
    }

    @Test
    void aSpreadsheetUploadedAsCsvIsNamedForWhatItIsAndNothingIsImported() throws Exception {
        ConsoleSession admin = loggedIn("ADMIN", PASSWORD);
        long imports = jdbc.sql("select count(*) from imports").query(Long.class).single();

        // the first bytes of a zip archive, which an .xlsx file is
        HttpResponse<String> xlsx = admin.postMultipart("/imports", admin.csrfToken(), "entity", "customers", "mode", "strict", "charset", "UTF-8",
                "file", "PK\u0003\u0004\u0014\u0000\u0006\u0000[Content_Types].xml");

        assertThat(xlsx.statusCode()).isEqualTo(422);
        assertThat(xlsx.body()).contains("&#39;upload.csv&#39; is a zip archive (as an Excel .xlsx or an OpenDocument .ods spreadsheet is), not a CSV file:"
                + " save it from the spreadsheet as CSV (UTF-8) and choose that file. Nothing was imported.").doesNotContain("rename the column");
        assertThat(jdbc.sql("select count(*) from imports").query(Long.class).single()).isEqualTo(imports);
    }

    @Test
    void aTokenOrUserTheAccessPageNoLongerHasIsRefusedInTheConsolesWords() throws Exception {
        ConsoleSession admin = loggedIn("ADMIN", PASSWORD);

        HttpResponse<String> revoke = admin.post("/admin/tokens/987654321/revoke", "", admin.csrfToken());
        assertThat(revoke.statusCode()).as(revoke.body()).isEqualTo(302);
        assertThat(admin.get("/admin/access").body())
                .contains("There is no API token 987654321, so nothing was revoked; the list of tokens below shows every one.");

        String name = "n".repeat(300);
        assertThat(admin.post("/admin/users/" + name + "/disable", "", admin.csrfToken()).statusCode()).isEqualTo(302);
        assertThat(admin.get("/admin/access").body())
                .contains("There is no console user named &#39;" + "n".repeat(80) + "…&#39;, so nobody was disabled").doesNotContain("n".repeat(81));
    }

    private static CompletableFuture<HttpResponse<String>> send(ConsoleSession session, String path, String form, String csrf) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return session.post(path, form, csrf);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
