package io.strata.bootstrap.security;

import com.zaxxer.hikari.HikariDataSource;
import io.strata.bootstrap.OtherNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over real HTTP with a forged Host header (sent over a plain socket): no redirect names the forged host, neither
 * without a base URL (redirects are relative) nor with STRATA_BASE_URL (they name it); forwarded headers from an
 * untrusted client are ignored. The session cookie is HttpOnly and SameSite=Lax, and Secure when served over https.
 */
class CookiesAndRedirectsTest extends AdminApi {

    private static final String PASSWORD = "sound harbour lantern";
    private static final String FORGED = "evil.example:666";
    private static final String[] FORGED_FORWARDING = {"X-Forwarded-Host", "evil-forwarded.example", "X-Forwarded-Proto", "https",
            "X-Forwarded-Port", "8443", "Forwarded", "host=evil-forwarded.example;proto=https"};

    private static OtherNode behindBaseUrl;

    @Autowired
    private HikariDataSource database;

    @AfterAll
    static void stopNode() {
        if (behindBaseUrl != null) {
            behindBaseUrl.close();
            behindBaseUrl = null;
        }
    }

    @Test
    void anUnauthenticatedPageRedirectsToTheLoginPageWithoutTheForgedHost() throws Exception {
        RawHttp.Response page = RawHttp.send(port, "GET", "/campaigns", FORGED, null, FORGED_FORWARDING);

        assertThat(page.status()).isEqualTo(302);
        assertThat(relative(page)).isEqualTo("/login");
    }

    @Test
    void theLoginPostAndTheLogoutRedirectWithoutTheForgedHost() throws Exception {
        String name = createUser("PLANNER", PASSWORD);
        // a saved request: after login the browser is sent back to the page it asked for
        RawHttp.Response asked = RawHttp.send(port, "GET", "/campaigns", FORGED, null, FORGED_FORWARDING);
        String cookie = sessionCookie(asked);
        RawHttp.Response loginPage = RawHttp.send(port, "GET", "/login", FORGED, null, "Cookie", cookie);
        String csrf = ConsoleSession.csrfToken(loginPage.body());

        RawHttp.Response login = RawHttp.send(port, "POST", "/login", FORGED, "username=" + name + "&password=" + encode(PASSWORD)
                + "&_csrf=" + encode(csrf), withForging("Cookie", cookie, "Content-Type", "application/x-www-form-urlencoded"));

        assertThat(login.status()).isEqualTo(302);
        assertThat(relative(login)).startsWith("/campaigns");
        String loggedIn = sessionCookie(login);
        RawHttp.Response home = RawHttp.send(port, "GET", "/", FORGED, null, "Cookie", loggedIn);
        assertThat(home.status()).isEqualTo(200);

        RawHttp.Response logout = RawHttp.send(port, "POST", "/logout", FORGED, "_csrf=" + encode(ConsoleSession.csrfToken(home.body())),
                withForging("Cookie", loggedIn, "Content-Type", "application/x-www-form-urlencoded"));
        assertThat(logout.status()).isEqualTo(302);
        assertThat(relative(logout)).isEqualTo("/login?logout");
    }

    /**
     * nginx forwards requests as HTTP/1.0 unless told otherwise, and Tomcat keeps a redirect relative only for
     * HTTP/1.1: behind nginx every redirect named the Host the client sent and the scheme of nginx's connection to the
     * node, so behind TLS the login sent the browser to http:// on the https port (docs/scale-out.md, "Behind a load
     * balancer"). The unauthenticated page, the login with no page asked for before it, and the logout, as nginx
     * forwards them with a client's Host.
     */
    @Test
    void http10RequestsAsAProxyForwardsThemAreRedirectedToPaths() throws Exception {
        String name = createUser("PLANNER", PASSWORD);
        RawHttp.Response asked = http10("GET", "/campaigns", null, "X-Forwarded-Proto", "https");
        assertThat(asked.status()).isEqualTo(302);
        assertThat(relative(asked)).isEqualTo("/login");

        RawHttp.Response loginPage = http10("GET", "/login", null);
        String cookie = sessionCookie(loginPage);
        RawHttp.Response login = http10("POST", "/login", "username=" + name + "&password=" + encode(PASSWORD) + "&_csrf="
                + encode(ConsoleSession.csrfToken(loginPage.body())), "Cookie", cookie, "Content-Type", "application/x-www-form-urlencoded");
        assertThat(login.status()).isEqualTo(302);
        assertThat(relative(login)).isEqualTo("/");

        String loggedIn = sessionCookie(login);
        RawHttp.Response home = http10("GET", "/", null, "Cookie", loggedIn);
        assertThat(home.status()).isEqualTo(200);
        RawHttp.Response logout = http10("POST", "/logout", "_csrf=" + encode(ConsoleSession.csrfToken(home.body())),
                "Cookie", loggedIn, "Content-Type", "application/x-www-form-urlencoded");
        assertThat(logout.status()).isEqualTo(302);
        assertThat(relative(logout)).isEqualTo("/login?logout");
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteLaxAndNotSecureOverPlainHttp() throws Exception {
        RawHttp.Response page = RawHttp.send(port, "GET", "/login", "localhost:" + port, null);

        assertThat(page.all("Set-Cookie")).singleElement().satisfies(cookie -> {
            assertThat(cookie).startsWith("SESSION=").contains("; Path=/").contains("; HttpOnly").contains("; SameSite=Lax");
            assertThat(cookie).doesNotContain("Secure");
        });
    }

    @Test
    void behindAnHttpsBaseUrlRedirectsNameItAndTheCookieIsSecure() throws Exception {
        if (behindBaseUrl == null) {
            behindBaseUrl = OtherNode.start(database, "strata.base-url=https://strata.example.org");
        }

        RawHttp.Response page = RawHttp.send(behindBaseUrl.port(), "GET", "/campaigns", FORGED, null, FORGED_FORWARDING);

        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("Location")).hasValueSatisfying(location -> assertThat(location).doesNotContain("evil")
                .isIn("/login", "https://strata.example.org/login"));
        assertThat(page.all("Set-Cookie")).singleElement().satisfies(cookie ->
                assertThat(cookie).startsWith("SESSION=").contains("; Secure").contains("; HttpOnly").contains("; SameSite=Lax"));
    }

    /** One HTTP/1.0 request, as nginx forwards it by default, with the forged Host a client may have sent to nginx. */
    private RawHttp.Response http10(String method, String path, String body, String... headers) throws Exception {
        StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.0\r\nHost: " + FORGED + "\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        if (body != null) {
            request.append("Content-Length: ").append(body.getBytes(StandardCharsets.ISO_8859_1).length).append("\r\n");
        }
        return RawHttp.exchange(port, request.append("\r\n").append(body == null ? "" : body).toString());
    }

    /** The redirect's target, which must be a path on this server: never a host, least of all the forged one. */
    private static String relative(RawHttp.Response response) {
        String location = response.header("Location").orElseThrow(() -> new AssertionError("no redirect: " + response.status()));
        assertThat(location).doesNotContain("evil").startsWith("/").doesNotStartWith("//");
        return location;
    }

    /** The request carries the forged forwarding headers too, and never gets anything from them. */
    private static String[] withForging(String... headers) {
        String[] all = new String[headers.length + FORGED_FORWARDING.length];
        System.arraycopy(headers, 0, all, 0, headers.length);
        System.arraycopy(FORGED_FORWARDING, 0, all, headers.length, FORGED_FORWARDING.length);
        return all;
    }

    private static String sessionCookie(RawHttp.Response response) {
        return response.all("Set-Cookie").stream().filter(c -> c.startsWith("SESSION=")).map(c -> c.substring(0, c.indexOf(';')))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie in " + response.headers()));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
