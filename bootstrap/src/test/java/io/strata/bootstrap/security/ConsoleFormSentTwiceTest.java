package io.strata.bootstrap.security;

import io.strata.adapters.web.console.OnceSentForms;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A console form sent twice by one session, as a double click sends it (the same CSRF token and the same form field,
 * at once or one after the other), is carried out once, and both answers are the first one's redirect. Before session
 * 50 a token form sent twice made two tokens, a user form a user and then "the name is taken", a template's form two
 * drafts, and the second launch answered "already launched" over the launch's own message.
 */
class ConsoleFormSentTwiceTest extends AdminApi {

    private static final String PASSWORD = "quiet forms sent twice 8";

    @Autowired
    OnceSentForms onceSent;

    /** A hidden field of the form holding the element with this id (or having it), as the page rendered it. */
    static String fieldOfForm(String page, String id, String name) {
        int at = page.indexOf("id=\"" + id + "\"");
        assertThat(at).as("element " + id).isNotNegative();
        int start = page.lastIndexOf("<form", at);
        String form = page.substring(start, page.indexOf("</form>", at));
        Matcher value = Pattern.compile("name=\"" + Pattern.quote(name) + "\"\\s+value=\"([^\"]+)\"").matcher(form);
        assertThat(value.find()).as(name + " in " + form).isTrue();
        return value.group(1);
    }

    private static List<HttpResponse<String>> twiceAtOnce(ConsoleSession session, String path, String form, String csrf) throws Exception {
        List<CompletableFuture<HttpResponse<String>>> sent = List.of(send(session, path, form, csrf), send(session, path, form, csrf));
        return List.of(sent.get(0).get(60, TimeUnit.SECONDS), sent.get(1).get(60, TimeUnit.SECONDS));
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

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void aTokenFormSentTwiceAtOnceMakesOneTokenAndBothAnswersAreTheFirstRedirect() throws Exception {
        ConsoleSession admin = loggedIn("ADMIN", PASSWORD);
        String page = admin.get("/admin/access").body();
        String name = "twice " + unique();
        String form = "name=" + encoded(name) + "&role=ANALYST&_form=" + fieldOfForm(page, "token-form", "_form");

        List<HttpResponse<String>> answers = twiceAtOnce(admin, "/admin/tokens", form, admin.csrfToken());

        for (HttpResponse<String> answer : answers) {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
            assertThat(answer.headers().firstValue("Location")).hasValue("/admin/access");
        }
        assertThat(jdbc.sql("select count(*) from api_tokens where name = ?").param(name).query(Long.class).single()).isEqualTo(1);
        // the one token's secret is shown once, on the page the redirect leads to
        assertThat(admin.get("/admin/access").body()).contains("Token &#39;" + name + "&#39; created. Copy its secret now");
    }

    @Test
    void aFormIdTheConsoleCouldNotHaveRenderedIsNotRememberedSoTheFormIsCarriedOutEachTime() throws Exception {
        ConsoleSession admin = loggedIn("ADMIN", PASSWORD);
        String csrf = admin.csrfToken();
        String made = "x".repeat(100_000);
        String first = "made " + unique();
        String second = "made " + unique();

        HttpResponse<String> one = admin.post("/admin/tokens", "name=" + encoded(first) + "&role=ANALYST&_form=" + made, csrf);
        HttpResponse<String> two = admin.post("/admin/tokens", "name=" + encoded(second) + "&role=ANALYST&_form=" + made, csrf);

        assertThat(one.statusCode()).as(one.body()).isEqualTo(302);
        assertThat(two.statusCode()).as(two.body()).isEqualTo(302);
        // both carried out: the made-up value was neither kept nor used to answer the second with the first's redirect
        assertThat(jdbc.sql("select count(*) from api_tokens where name in (?, ?)").param(first).param(second).query(Long.class).single())
                .isEqualTo(2);
    }

    @Test
    void aUserFormSentAgainAfterTheFirstEndedIsAnsweredAsTheFirstNotWithNameTaken() throws Exception {
        ConsoleSession admin = loggedIn("ADMIN", PASSWORD);
        String csrf = admin.csrfToken();
        String page = admin.get("/admin/access").body();
        String user = "twice-" + unique();
        String form = "username=" + user + "&password=" + encoded(PASSWORD) + "&role=ANALYST&_form=" + fieldOfForm(page, "user-form", "_form");

        HttpResponse<String> first = admin.post("/admin/users", form, csrf);
        HttpResponse<String> again = admin.post("/admin/users", form, csrf);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(302);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(302);
        assertThat(again.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(admin.get("/admin/access").body()).contains("User &#39;" + user + "&#39; created.").doesNotContain("taken");
    }

    @Test
    void aTemplatesFormSentTwiceAtOnceMakesOneDraft() throws Exception {
        ConsoleSession admin = loggedIn("ADMIN", PASSWORD);
        String page = admin.get("/segmentations").body();
        String name = "Twice " + unique();
        String form = "template=rfm-classic&name=" + encoded(name) + "&_form=" + fieldOfForm(page, "create-rfm-classic", "_form");

        List<HttpResponse<String>> answers = twiceAtOnce(admin, "/segmentations", form, admin.csrfToken());

        assertThat(answers.get(0).statusCode()).isEqualTo(302);
        assertThat(answers.get(1).headers().firstValue("Location")).isEqualTo(answers.get(0).headers().firstValue("Location"));
        assertThat(jdbc.sql("select count(*) from segmentations where name = ?").param(name).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aLaunchSentAgainLaunchesOnceAndLeavesNoAlreadyLaunchedInTheSession() throws Exception {
        emptyDatabase();
        post("/api/v1/imports/customers", "text/csv", "customer_id,email,email_opt_in\nL1,l1@example.com,true\nL2,l2@example.com,true\n");
        post("/api/v1/imports/orders", "text/csv", "order_id,customer_id,ordered_at,amount\nlo1,L1,2024-06-01,10\nlo2,L2,2024-06-02,10\n");
        String segmentation = field(post("/api/v1/segmentations", "application/json", "{\"name\":\"Tiers\",\"template\":\"frequency-tiers\"}").body(), "id");
        assertThat(post("/api/v1/segmentations/" + segmentation + "/activate", "application/json", "").statusCode()).isEqualTo(200);
        runAndAwaitFollowUps("{\"asOf\":\"2024-06-30\"}");
        String campaign = field(post("/api/v1/campaigns", "application/json", """
                {"name": "Launched twice", "objective": "o", "targetSegment": "newcomers",
                 "actions": [{"channel": "email", "content": "template:hello"}]}""").body(), "id");
        assertThat(post("/api/v1/campaigns/" + campaign + "/schedule", "application/json", "").statusCode()).isEqualTo(200);
        ConsoleSession admin = loggedIn("ADMIN", PASSWORD);
        String page = admin.get("/campaigns/" + campaign + "/launch").body();
        String form = "_form=" + fieldOfForm(page, "confirm-launch", "_form");

        // one after the other: two at once race for the session's flash messages, and the last one saved is kept
        String csrf = admin.csrfToken();
        List<HttpResponse<String>> answers = List.of(admin.post("/campaigns/" + campaign + "/launch", form, csrf),
                admin.post("/campaigns/" + campaign + "/launch", form, csrf));

        for (HttpResponse<String> answer : answers) {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
            assertThat(answer.headers().firstValue("Location")).hasValue("/campaigns/" + campaign);
        }
        assertThat(get("/api/v1/campaigns/" + campaign).body()).contains("\"state\":\"RUNNING\"");
        // each send leaves its flash message in the session: a second one carried out would leave "already launched"
        String first = admin.get("/campaigns/" + campaign).body();
        String second = admin.get("/campaigns/" + campaign).body();
        assertThat(first).contains("Launched Launched twice:").doesNotContain("alert error");
        assertThat(second).doesNotContain("alert error");
    }

    @Test
    void aFormAnsweredWithItsErrorsIsCarriedOutAgainWhenSentAgain() throws Exception {
        ConsoleSession admin = loggedIn("ADMIN", PASSWORD);
        String csrf = admin.csrfToken();
        String page = admin.get("/admin/access").body();
        String form = "username=short-" + unique() + "&password=short&role=ANALYST&_form=" + fieldOfForm(page, "user-form", "_form");
        long before = onceSent.answeredAgain();

        HttpResponse<String> first = admin.post("/admin/users", form, csrf);
        HttpResponse<String> again = admin.post("/admin/users", form, csrf);

        assertThat(first.statusCode()).isEqualTo(422);
        assertThat(again.statusCode()).isEqualTo(422);
        assertThat(again.body()).contains("at least 12 characters");
        assertThat(onceSent.answeredAgain()).isEqualTo(before);
    }

    @Test
    void everyPostFormOfAPageHasAFieldOfItsOwn() throws Exception {
        ConsoleSession admin = loggedIn("ADMIN", PASSWORD);
        String page = admin.get("/admin/access").body();

        assertThat(fieldOfForm(page, "token-form", "_form")).isNotEqualTo(fieldOfForm(page, "user-form", "_form"));
        assertThat(admin.get("/admin/access").body()).doesNotContain(fieldOfForm(page, "token-form", "_form"));
    }
}
