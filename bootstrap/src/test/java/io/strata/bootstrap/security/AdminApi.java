package io.strata.bootstrap.security;

import io.strata.bootstrap.EndToEndTest;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small HTTP calls with any token, for the security tests. */
abstract class AdminApi extends EndToEndTest {

    protected HttpResponse<String> call(String method, String path, String token, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> getAs(String token, String path) throws Exception {
        return call("GET", path, token, null, null);
    }

    protected HttpResponse<String> postJsonAs(String token, String path, String json) throws Exception {
        return call("POST", path, token, "application/json", json);
    }

    /** U+1F600: one character, two UTF-16 units (two chars in Java), four bytes in UTF-8. */
    protected static final String EMOJI = Character.toString(0x1F600);

    /** {@code count} characters of {@link #EMOJI}: twice as many UTF-16 units. */
    protected static String emoji(int count) {
        return EMOJI.repeat(count);
    }

    /** Creates a frequency-tiers segmentation and activates it: what campaigns and tactical segments need to target. */
    protected void activeFrequencyTiers() throws Exception {
        HttpResponse<String> created = postJsonAs(TOKEN, "/api/v1/segmentations", "{\"name\":\"Tiers\",\"template\":\"frequency-tiers\"}");
        if (created.statusCode() != 201) {
            throw new AssertionError("segmentation not created: " + created.statusCode() + " " + created.body());
        }
        HttpResponse<String> activated = postJsonAs(TOKEN, "/api/v1/segmentations/" + field(created.body(), "id") + "/activate", "");
        if (activated.statusCode() != 200) {
            throw new AssertionError("segmentation not activated: " + activated.statusCode() + " " + activated.body());
        }
    }

    /** Issues a token through the API as the suite's admin and answers its secret. */
    protected String issueToken(String role) throws Exception {
        HttpResponse<String> response = postJsonAs(TOKEN, "/api/v1/tokens", "{\"name\": \"" + role.toLowerCase() + " " + unique() + "\", \"role\": \"" + role + "\"}");
        if (response.statusCode() != 201) {
            throw new AssertionError("token not issued: " + response.statusCode() + " " + response.body());
        }
        return field(response.body(), "secret");
    }

    /** Creates a console user through the API and answers its name. */
    protected String createUser(String role, String password) throws Exception {
        String name = role.toLowerCase() + "-" + unique();
        HttpResponse<String> response = postJsonAs(TOKEN, "/api/v1/users",
                "{\"username\": \"" + name + "\", \"password\": \"" + password + "\", \"role\": \"" + role + "\"}");
        if (response.statusCode() != 201) {
            throw new AssertionError("user not created: " + response.statusCode() + " " + response.body());
        }
        return name;
    }

    /** A console session of a new user of {@code role}, logged in through the login form (so it holds a CSRF token). */
    protected ConsoleSession loggedIn(String role, String password) throws Exception {
        ConsoleSession session = new ConsoleSession(port);
        session.logIn(createUser(role, password), password);
        return session;
    }

    protected static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A string or number field of a flat JSON answer. */
    protected static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[-0-9.]+|true|false|null)").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no field '" + name + "' in " + json);
        }
        return m.group(2) != null ? m.group(2) : m.group(1);
    }
}
