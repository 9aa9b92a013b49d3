package io.strata.bootstrap.security;

import org.junit.jupiter.api.BeforeEach;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests of the console as an admin: each test starts logged in through the login form, with the session's CSRF token. */
abstract class AdminConsoleTest extends AdminApi {

    protected static final String PASSWORD = "sound harbour lantern";

    protected ConsoleSession admin;
    protected String csrf;

    @BeforeEach
    void logInAsAdmin() throws Exception {
        admin = loggedIn("ADMIN", PASSWORD);
        csrf = admin.csrfToken();
    }

    /** The text of the page's element with this id (up to its first child), stripped. */
    protected static String text(String html, String id) {
        Matcher element = Pattern.compile("id=\"" + Pattern.quote(id) + "\"[^>]*>([^<]*)<").matcher(html);
        assertThat(element.find()).as("an element " + id).isTrue();
        return element.group(1).strip();
    }

    /** A value as a form sends it. */
    protected static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
