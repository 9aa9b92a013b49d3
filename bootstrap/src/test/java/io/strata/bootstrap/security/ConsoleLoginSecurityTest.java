package io.strata.bootstrap.security;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's door over real HTTP: login throttling, session fixation, admin pages, security headers. */
class ConsoleLoginSecurityTest extends AdminApi {

    private static final String PASSWORD = "sound harbour lantern";

    @Test
    void fiveFailedLoginsLockTheNameEvenForTheRightPassword() throws Exception {
        String name = createUser("ANALYST", PASSWORD);
        ConsoleSession browser = new ConsoleSession(port);

        for (int attempt = 1; attempt <= 5; attempt++) {
            HttpResponse<String> failed = browser.logIn(name, "wrong password " + attempt);
            assertThat(failed.statusCode()).isEqualTo(302);
            assertThat(location(failed)).as("attempt %d", attempt).endsWith("/login?error");
        }
        HttpResponse<String> locked = browser.logIn(name, PASSWORD);

        assertThat(location(locked)).endsWith("/login?error&locked");
        assertThat(browser.get("/").statusCode()).as("still not logged in").isEqualTo(302);
        assertThat(jdbc.sql("select locked_until > now() + interval '14 minutes' from login_failures where username = ?")
                .param(name).query(Boolean.class).single()).as("the lock is kept in PostgreSQL for 15 minutes").isTrue();
    }

    @Test
    void fourFailedLoginsDoNotLockAndASuccessStartsTheCountAfresh() throws Exception {
        String name = createUser("ANALYST", PASSWORD);
        ConsoleSession browser = new ConsoleSession(port);
        for (int attempt = 1; attempt <= 4; attempt++) {
            browser.logIn(name, "wrong password " + attempt);
        }

        HttpResponse<String> success = browser.logIn(name, PASSWORD);

        assertThat(location(success)).endsWith("/");
        assertThat(jdbc.sql("select count(*) from login_failures where username = ?").param(name).query(Long.class).single()).isZero();
    }

    @Test
    void aLockedNameDoesNotLockOtherNames() throws Exception {
        String locked = createUser("ANALYST", PASSWORD);
        String other = createUser("ANALYST", PASSWORD);
        for (int attempt = 1; attempt <= 5; attempt++) {
            new ConsoleSession(port).logIn(locked, "wrong password");
        }

        assertThat(location(new ConsoleSession(port).logIn(locked, PASSWORD))).endsWith("/login?error&locked");
        assertThat(location(new ConsoleSession(port).logIn(other, PASSWORD))).endsWith("/");
    }

    @Test
    void theSessionIdChangesAtLogin() throws Exception {
        String name = createUser("PLANNER", PASSWORD);
        ConsoleSession browser = new ConsoleSession(port);
        browser.get("/login");
        String before = browser.sessionId().orElseThrow(() -> new AssertionError("the login page starts a session for its CSRF token"));

        HttpResponse<String> login = browser.logIn(name, PASSWORD);

        assertThat(location(login)).endsWith("/");
        assertThat(browser.sessionId()).hasValueSatisfying(after -> assertThat(after).isNotEqualTo(before));
        assertThat(browser.get("/").statusCode()).isEqualTo(200);
    }

    @Test
    void loggingOutEndsTheSessionAndALogoutWithoutTheCsrfTokenDoesNot() throws Exception {
        String name = createUser("PLANNER", PASSWORD);
        ConsoleSession browser = new ConsoleSession(port);
        browser.logIn(name, PASSWORD);
        String token = browser.csrfToken();

        HttpResponse<String> forged = browser.post("/logout", "", "not-the-token");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(browser.get("/").statusCode()).as("a forged logout leaves the session alone").isEqualTo(200);

        HttpResponse<String> logout = browser.post("/logout", "", token);
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(location(logout)).contains("/login");
        HttpResponse<String> after = browser.get("/");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(location(after)).contains("/login");
    }

    @Test
    void adminPagesAreForAdminsOnly() throws Exception {
        ConsoleSession planner = new ConsoleSession(port);
        planner.logIn(createUser("PLANNER", PASSWORD), PASSWORD);
        ConsoleSession admin = new ConsoleSession(port);
        admin.logIn(createUser("ADMIN", PASSWORD), PASSWORD);

        assertThat(planner.get("/").statusCode()).isEqualTo(200);
        assertThat(planner.get("/admin/audit").statusCode()).isEqualTo(403);
        assertThat(admin.get("/admin/audit").statusCode()).isEqualTo(200);
    }

    @Test
    void aDisabledUserIsLoggedOutAtTheNextRequestToldWhyAndCannotLogInAgain() throws Exception {
        String name = createUser("ANALYST", PASSWORD);
        ConsoleSession browser = new ConsoleSession(port);
        browser.logIn(name, PASSWORD);
        assertThat(browser.get("/").statusCode()).isEqualTo(200);

        assertThat(postJsonAs(TOKEN, "/api/v1/users/" + name + "/disable", "").statusCode()).isEqualTo(200);

        HttpResponse<String> next = browser.get("/campaigns");
        assertThat(next.statusCode()).isEqualTo(302);
        assertThat(location(next)).endsWith("/login?error&disabled");
        // told that the user was disabled, not that a password they never typed was wrong (session 48)
        HttpResponse<String> told = browser.get("/login?error&disabled");
        assertThat(told.statusCode()).isEqualTo(200);
        assertThat(told.body()).contains("Your session has ended: this user has been disabled. Ask an administrator to enable it again")
                .doesNotContain("Wrong user name or password");
        // a login attempt of a disabled user gets the one message of every failed login
        assertThat(location(new ConsoleSession(port).logIn(name, PASSWORD))).endsWith("/login?error");
    }

    @Test
    void consolePagesCarryAContentSecurityPolicyWithoutInlineScripts() throws Exception {
        ConsoleSession browser = new ConsoleSession(port);
        HttpResponse<String> login = browser.get("/login");
        browser.logIn(createUser("ADMIN", PASSWORD), PASSWORD);
        HttpResponse<String> home = browser.get("/");
        HttpResponse<String> audit = browser.get("/admin/audit");
        java.util.List<HttpResponse<String>> pages = new java.util.ArrayList<>(java.util.List.of(login, home, audit));
        for (String path : java.util.List.of("/campaigns", "/campaigns/new", "/action-plan", "/imports", "/imports/new")) {
            pages.add(browser.get(path));
        }

        for (HttpResponse<String> page : pages) {
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                    .contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval"));
            assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
            assertThat(page.headers().firstValue("Referrer-Policy")).contains("same-origin");
            // what the policy would block: script elements without src, event handler attributes, javascript: URLs
            assertThat(page.body()).doesNotContainPattern(Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>", Pattern.CASE_INSENSITIVE))
                    .doesNotContainPattern(Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE))
                    .doesNotContainPattern(Pattern.compile("javascript:", Pattern.CASE_INSENSITIVE))
                    .doesNotContainPattern(Pattern.compile("<style|\\sstyle\\s*=", Pattern.CASE_INSENSITIVE));
        }
    }

    @Test
    void consolePagesSayHowLongTheServerTookAndTheApiDoesNot() throws Exception {
        ConsoleSession browser = new ConsoleSession(port);
        browser.logIn(createUser("ANALYST", PASSWORD), PASSWORD);

        for (String path : java.util.List.of("/", "/segmentations", "/customers")) {
            assertThat(browser.get(path).headers().firstValue("Server-Timing")).as(path)
                    .hasValueSatisfying(timing -> assertThat(timing).matches("app;dur=\\d+\\.\\d"));
        }
        assertThat(getAs(TOKEN, "/api/v1/imports").headers().firstValue("Server-Timing")).isEmpty();
    }

    @Test
    void apiAnswersForbidFramingAndRendering() throws Exception {
        HttpResponse<String> response = getAs(TOKEN, "/api/v1/imports");

        assertThat(response.headers().firstValue("Content-Security-Policy")).contains("default-src 'none'; frame-ancestors 'none'");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("(no redirect: " + response.statusCode() + ")");
    }
}
