package io.strata.bootstrap.security;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser's view of the console over plain HTTP: cookies kept, redirects not followed, CSRF token read from the form. */
final class ConsoleSession {

    private static final Pattern CSRF_INPUT = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*>");
    private static final Pattern VALUE = Pattern.compile("value=\"([^\"]+)\"");

    private final String base;
    private final CookieManager cookies;
    private final HttpClient http;

    ConsoleSession(int port) {
        this(port, new CookieManager(null, CookiePolicy.ACCEPT_ALL));
    }

    private ConsoleSession(int port, CookieManager cookies) {
        this.base = "http://localhost:" + port;
        this.cookies = cookies;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The same browser, cookies and all, talking to another node of the application. */
    ConsoleSession onNode(int port) {
        return new ConsoleSession(port, cookies);
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GETs with these name-value headers (an htmx request's, say). */
    HttpResponse<String> getWith(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GETs the login page for a fresh CSRF token and posts the form; answers the response (a redirect). */
    HttpResponse<String> logIn(String username, String password) throws Exception {
        HttpResponse<String> page = get("/login");
        String form = "username=" + encode(username) + "&password=" + encode(password) + "&_csrf=" + encode(csrfToken(page.body()));
        return http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs a url-encoded form with the session's CSRF token in the header htmx uses, as read from a page of the session. */
    HttpResponse<String> post(String path, String form, String csrfToken) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-CSRF-TOKEN", csrfToken)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs this body with this Content-Type as it is, the session's CSRF token in the header htmx uses, and these name-value headers. */
    HttpResponse<String> postRaw(String path, String contentType, String body, String csrfToken, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType).header("X-CSRF-TOKEN", csrfToken);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * POSTs multipart/form-data as a browser without JavaScript does: the CSRF token only as the form's _csrf field.
     * {@code fields} are name-value pairs; a field named "file" is sent as a file part with that content.
     */
    HttpResponse<String> postMultipart(String path, String csrfToken, String... fields) throws Exception {
        String boundary = "----strata" + System.nanoTime();
        StringBuilder body = new StringBuilder();
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("_csrf", csrfToken));
        all.addAll(java.util.List.of(fields));
        for (int i = 0; i < all.size(); i += 2) {
            String name = all.get(i);
            body.append("--").append(boundary).append("\r\n").append("Content-Disposition: form-data; name=\"").append(name).append('"');
            if (name.equals("file")) {
                body.append("; filename=\"upload.csv\"\r\nContent-Type: text/csv");
            }
            body.append("\r\n\r\n").append(all.get(i + 1)).append("\r\n");
        }
        body.append("--").append(boundary).append("--\r\n");
        return http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The CSRF token of the logged-in session, from the logout form every console page carries. */
    String csrfToken() throws Exception {
        return csrfToken(get("/").body());
    }

    Optional<String> sessionId() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("SESSION")).map(HttpCookie::getValue).findFirst();
    }

    static String csrfToken(String html) {
        Matcher input = CSRF_INPUT.matcher(html);
        if (!input.find()) {
            throw new AssertionError("the page has no _csrf input: " + html);
        }
        Matcher value = VALUE.matcher(input.group());
        if (!value.find()) {
            throw new AssertionError("the _csrf input has no value: " + input.group());
        }
        return value.group(1);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
