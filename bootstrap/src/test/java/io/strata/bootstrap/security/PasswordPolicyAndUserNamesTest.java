package io.strata.bootstrap.security;

import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Easy passwords are refused with the reason and a way to a better one, in the API (problem+json) and in the console
 * (422, the message at the password field, the password never sent back); a user name is one name whatever its case.
 */
class PasswordPolicyAndUserNamesTest extends AdminConsoleTest {

    @Test
    void theApiRefusesBlankRepetitiveAndCommonPasswordsSayingWhyAndHow() throws Exception {
        HttpResponse<String> blank = newUser("blank-" + unique(), " ".repeat(12));
        HttpResponse<String> repetitive = newUser("repeat-" + unique(), "aaaaaaaaaaaa");
        HttpResponse<String> common = newUser("common-" + unique(), "password1234");

        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(blank.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(field(blank.body(), "detail")).isEqualTo("'password' is blank; choose at least 12 characters, for example a few uncommon words");
        assertThat(repetitive.statusCode()).isEqualTo(400);
        assertThat(repetitive.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(field(repetitive.body(), "detail")).isEqualTo("'password' is too easy to guess: Repeats like \\\"aaa\\\" are easy to guess. "
                + "Avoid repeated words and characters. Add another word or two. Uncommon words are better. "
                + "(Estimated strength 8 bits; at least 30 are needed.)");
        assertThat(repetitive.body()).doesNotContain("aaaaaaaaaaaa");
        assertThat(common.statusCode()).isEqualTo(400);
        assertThat(field(common.body(), "detail")).startsWith("'password' is too easy to guess: This is a top-10 common password.");
        assertThat(common.body()).doesNotContain("password1234");
        assertThat(jdbc.sql("select count(*) from console_users where username like 'blank-%' or username like 'repeat-%' or username like 'common-%'")
                .query(Long.class).single()).isZero();
    }

    @Test
    void theConsoleRefusesAnEasyPasswordAtThePasswordFieldWithoutSendingItBack() throws Exception {
        HttpResponse<String> page = admin.post("/admin/users", "username=planner-weak&password=" + encode("aaaaaaaaaaaa") + "&role=PLANNER", csrf);

        assertThat(page.statusCode()).isEqualTo(422);
        assertThat(errorOf(page.body(), "new-password")).startsWith("'password' is too easy to guess: Repeats like \"aaa\" are easy to guess.");
        assertThat(input(page.body(), "new-username")).contains("value=\"planner-weak\"");
        assertThat(page.body()).doesNotContain("aaaaaaaaaaaa");
    }

    @Test
    void aNameDifferingOnlyInCaseFromAStoredOneIsA409NamingIt() throws Exception {
        String name = "pt_planner_" + unique();
        createNamed(name);

        HttpResponse<String> again = newUser(name.toUpperCase(), "second kestrel lantern");

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(field(again.body(), "detail")).isEqualTo("a console user named '" + name
                + "' exists already (user names are the same whatever their case); choose another name");
        assertThat(jdbc.sql("select count(*) from console_users where lower(username) = ?").param(name).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theConsoleRefusesANameDifferingOnlyInCaseAtTheNameField() throws Exception {
        String name = "pt_planner_" + unique();
        createNamed(name);

        HttpResponse<String> page = admin.post("/admin/users", "username=" + name.toUpperCase() + "&password=" + encode("second kestrel lantern")
                + "&role=PLANNER", csrf);

        assertThat(page.statusCode()).isEqualTo(422);
        assertThat(errorOf(page.body(), "new-username")).isEqualTo("A console user named '" + name
                + "' exists already (user names are the same whatever their case); choose another name");
    }

    @Test
    void aUserLogsInByItsNameInAnyCaseAndHasOneLockout() throws Exception {
        String name = "pt_planner_" + unique();
        createNamed(name);

        ConsoleSession upper = new ConsoleSession(port);
        assertThat(location(upper.logIn(name.toUpperCase(), PASSWORD))).endsWith("/");
        assertThat(upper.get("/").statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("select principal_name from spring_session where lower(principal_name) = ?").param(name).query(String.class).list())
                .as("the session holds the name as stored").containsExactly(name);

        for (int attempt = 1; attempt <= 5; attempt++) {
            new ConsoleSession(port).logIn(attempt % 2 == 0 ? name.toUpperCase() : name, "wrong password " + attempt);
        }
        assertThat(location(new ConsoleSession(port).logIn(name, PASSWORD))).endsWith("/login?error&locked");
        assertThat(location(new ConsoleSession(port).logIn(name.toUpperCase(), PASSWORD))).endsWith("/login?error&locked");
    }

    private void createNamed(String name) throws Exception {
        HttpResponse<String> created = newUser(name, PASSWORD);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    private HttpResponse<String> newUser(String name, String password) throws Exception {
        return postJsonAs(TOKEN, "/api/v1/users", "{\"username\": \"" + name + "\", \"password\": \"" + password + "\", \"role\": \"PLANNER\"}");
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElse("(no redirect: " + response.statusCode() + ")");
    }

    private static String input(String html, String id) {
        Matcher tag = Pattern.compile("<(input|select|textarea)[^>]*\\sid=\"" + Pattern.quote(id) + "\"[^>]*>").matcher(html);
        assertThat(tag.find()).as("a field with id %s", id).isTrue();
        return tag.group();
    }

    /** The text of the message the field points to with aria-describedby; the field must be marked aria-invalid. */
    private static String errorOf(String html, String id) {
        String field = input(html, id);
        assertThat(field).as("field %s", id).contains("aria-invalid=\"true\"");
        Matcher describedBy = Pattern.compile("aria-describedby=\"([^\"]+)\"").matcher(field);
        assertThat(describedBy.find()).as("field %s names its message", id).isTrue();
        Matcher message = Pattern.compile("<small[^>]*\\sid=\"" + Pattern.quote(describedBy.group(1)) + "\"[^>]*>([^<]*)</small>").matcher(html);
        assertThat(message.find()).as("message %s of field %s", describedBy.group(1), id).isTrue();
        return message.group(1).replace("&#39;", "'").replace("&quot;", "\"").replace("&gt;", ">").replace("&lt;", "<").replace("&amp;", "&");
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
