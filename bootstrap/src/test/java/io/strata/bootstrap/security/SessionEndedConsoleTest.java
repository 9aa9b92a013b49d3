package io.strata.bootstrap.security;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static io.strata.bootstrap.security.SpringsWords.assertConsolePage;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A console page left open while its session ends (30 idle minutes, or a log-out in another tab), then used: session 57's
 * probe in a browser found a form sent then answered 403 "Request not understood … reload the page and send it again"
 * under a navigation with "Log out" (a reload sent the same stale form again), a part of a page that htmx loads answered
 * with the login page (htmx swapped it into the page), and a login page left open too long answered the same 403.
 * Oracles: the login page with words that say what happened, nothing saved, and back to the page after the login.
 */
class SessionEndedConsoleTest extends AdminApi {

    private static final String PASSWORD = "sound harbour lantern";
    private static final String FORM_PAGE = "/tactical-segments/new?parent=champions";

    @Test
    void aFormSentAfterTheSessionExpiredLeadsToTheLoginThatSaysSoThenBackToTheFormsPage() throws Exception {
        String name = createUser("PLANNER", PASSWORD);
        ConsoleSession browser = new ConsoleSession(port);
        browser.logIn(name, PASSWORD);
        String csrf = ConsoleSession.csrfToken(browser.get(FORM_PAGE).body());
        expire(name);
        String segment = "Typed while away " + unique();

        HttpResponse<String> sent = browser.postRaw("/tactical-segments", "application/x-www-form-urlencoded",
                "name=" + segment.replace(' ', '+') + "&parentSegment=champions&rule=frequency+%3E%3D+2&_csrf=" + csrf, csrf,
                "Referer", "http://localhost:" + port + FORM_PAGE);

        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
        assertThat(location(sent)).isEqualTo("/login?expired&unsaved");
        assertThat(jdbc.sql("select count(*) from tactical_segments where name = ?").param(segment).query(Long.class).single())
                .as("nothing was saved").isZero();
        HttpResponse<String> login = browser.get(location(sent));
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("Your session had ended (after a time without use, or a log-out in another tab), so the form "
                + "you sent was not saved. Log in, and you are taken back to its page to fill it in and send it again.")
                .doesNotContain("Log out").doesNotContain(SpringsWords.PHRASES);

        HttpResponse<String> loggedIn = browser.logIn(name, PASSWORD);
        assertThat(location(loggedIn)).as("back to the page the form was on").isEqualTo(FORM_PAGE);
        assertThat(browser.get(FORM_PAGE).statusCode()).isEqualTo(200);
    }

    @Test
    void aFormSentAfterALogOutInAnotherTabLeadsToTheLoginNotToA403UnderALogOutButton() throws Exception {
        String name = createUser("PLANNER", PASSWORD);
        ConsoleSession tab = new ConsoleSession(port);
        tab.logIn(name, PASSWORD);
        String csrf = ConsoleSession.csrfToken(tab.get("/campaigns/new").body());
        assertThat(tab.post("/logout", "", csrf).statusCode()).as("logged out in another tab").isEqualTo(302);

        HttpResponse<String> sent = tab.postRaw("/campaigns", "application/x-www-form-urlencoded",
                "name=Away&targetSegment=champions&actions%5B0%5D.channel=email&actions%5B0%5D.content=Hi&intent=save&_csrf=" + csrf, csrf,
                "Referer", "http://localhost:" + port + "/campaigns/new");

        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
        assertThat(location(sent)).isEqualTo("/login?expired&unsaved");
        assertThat(jdbc.sql("select count(*) from campaigns where name = 'Away'").query(Long.class).single()).isZero();
        assertThat(location(tab.logIn(name, PASSWORD))).isEqualTo("/campaigns/new");
    }

    @Test
    void aPageAskedForAfterTheSessionExpiredSaysSoAndLeadsBackToIt() throws Exception {
        String name = createUser("ANALYST", PASSWORD);
        ConsoleSession browser = new ConsoleSession(port);
        browser.logIn(name, PASSWORD);
        expire(name);

        HttpResponse<String> page = browser.get("/campaigns");

        assertThat(location(page)).isEqualTo("/login?expired");
        assertThat(browser.get("/login?expired").body()).contains("Your session has ended (after a time without use, or a log-out in "
                + "another tab). Log in to go on where you were.");
        assertThat(location(browser.logIn(name, PASSWORD))).isEqualTo("/campaigns?continue");
    }

    @Test
    void aPartOfAPageThatHtmxLoadsAfterTheSessionEndedSendsTheWholePageToTheLogin() throws Exception {
        String name = createUser("PLANNER", PASSWORD);
        ConsoleSession browser = new ConsoleSession(port);
        browser.logIn(name, PASSWORD);
        String csrf = ConsoleSession.csrfToken(browser.get(FORM_PAGE).body());
        expire(name);
        String page = "http://localhost:" + port + FORM_PAGE;

        HttpResponse<String> hints = browser.postRaw("/tactical-segments/hints", "application/x-www-form-urlencoded",
                "rule=frequency&cursor=9&parentSegment=champions", csrf, "HX-Request", "true", "HX-Current-URL", page);
        HttpResponse<String> trends = browser.getWith("/segmentations/1/trends", "HX-Request", "true", "HX-Current-URL", page);

        for (HttpResponse<String> answer : java.util.List.of(hints, trends)) {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
            assertThat(answer.headers().firstValue("HX-Redirect")).as("htmx takes the whole page to the login")
                    .hasValueSatisfying(target -> assertThat(target).startsWith("/login?expired"));
            assertThat(answer.body()).doesNotContain("id=\"login-button\"");
        }
        assertThat(location(browser.logIn(name, PASSWORD))).as("the page, not the part htmx asked for").isEqualTo(FORM_PAGE);
    }

    @Test
    void aFormThatHtmxSendsAfterTheSessionEndedIsSaidNotToBeSavedWhereItsChecksAreNot() throws Exception {
        String name = createUser("PLANNER", PASSWORD);
        ConsoleSession browser = new ConsoleSession(port);
        browser.logIn(name, PASSWORD);
        String csrf = ConsoleSession.csrfToken(browser.get("/imports/new").body());
        expire(name);
        String page = "http://localhost:" + port + "/imports/new";

        // the upload, as strata.js marks a form htmx sends (session 58: it was told apart from a check by nothing)
        HttpResponse<String> upload = browser.postRaw("/imports?importId=" + java.util.UUID.randomUUID(), "application/x-www-form-urlencoded",
                "entity=orders&mode=strict", csrf, "HX-Request", "true", "HX-Current-URL", page, "Strata-Form-Sent", "true");

        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(401);
        assertThat(upload.headers().firstValue("HX-Redirect")).hasValue("/login?expired&unsaved");
        assertThat(location(browser.logIn(name, PASSWORD))).isEqualTo("/imports/new");
    }

    @Test
    void aLoginPageLeftOpenTooLongAsksToLogInAgainInsteadOfA403() throws Exception {
        String name = createUser("ANALYST", PASSWORD);
        ConsoleSession browser = new ConsoleSession(port);
        String csrf = ConsoleSession.csrfToken(browser.get("/login").body());
        // the anonymous session that holds the login page's token ends (the cookie holds its id in base64)
        String session = new String(java.util.Base64.getDecoder().decode(browser.sessionId().orElseThrow()), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(jdbc.sql("update spring_session set expiry_time = 0, last_access_time = 0 where session_id = ?").param(session).update())
                .isEqualTo(1);

        HttpResponse<String> sent = browser.postRaw("/login", "application/x-www-form-urlencoded",
                "username=" + name + "&password=" + PASSWORD.replace(' ', '+') + "&_csrf=" + csrf, csrf);

        assertThat(location(sent)).isEqualTo("/login?again");
        assertThat(browser.get("/login?again").body()).contains("This login page had been open too long to log in from. Enter your user "
                + "name and password again.");
        assertThat(location(browser.logIn(name, PASSWORD))).isEqualTo("/");
    }

    @Test
    void aLoggedInUsersFormWithAnotherSessionsTokenIsStillThePageThatSaysToReload() throws Exception {
        String name = createUser("PLANNER", PASSWORD);
        ConsoleSession browser = new ConsoleSession(port);
        browser.logIn(name, PASSWORD);

        HttpResponse<String> sent = browser.postRaw("/campaigns", "application/x-www-form-urlencoded", "name=x&_csrf=stale", "stale");

        assertConsolePage(sent, 403, "refused");
        assertThat(sent.body()).contains("The form was sent without a valid security token");
    }

    /** The session is idle past its 30 minutes, as the database sees it. */
    private void expire(String name) {
        assertThat(jdbc.sql("update spring_session set expiry_time = 0, last_access_time = last_access_time - 31 * 60 * 1000 where principal_name = ?")
                .param(name).update()).isEqualTo(1);
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("(no redirect: " + response.statusCode() + ")");
    }
}
