package io.strata.bootstrap.busy;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;

import java.io.IOException;

/**
 * A 503 written by a filter, before or around Spring MVC, in the product's words: problem JSON for the API's callers,
 * else a page that needs no session, no template and no database (the session and the user may be what could not be
 * read). Used by {@link DatabaseBusyFilter} (busy, unavailable, a conflict) and by a node older than its database
 * ({@code NewerSchemaFilter}).
 */
public final class UnavailableAnswer {

    private UnavailableAnswer() {
    }

    /**
     * @param problemJson       answer as problem JSON (the API), else as a page
     * @param id                the page's message element's id, for tests and scripts
     * @param retryAfterSeconds a Retry-After header when positive
     * @param backToDashboard   a link back to the dashboard under the message (useless when every page answers so)
     */
    public static void write(HttpServletRequest request, HttpServletResponse response, boolean problemJson, String title, String detail,
                             String id, int retryAfterSeconds, boolean backToDashboard) throws IOException {
        response.resetBuffer();
        // a download that failed before its first byte: its answer is no file to save (Servlet 6.1: a null value removes the header)
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, null);
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        if (retryAfterSeconds > 0) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(retryAfterSeconds));
        }
        response.setCharacterEncoding("UTF-8");
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (problemJson) {
            response.setContentType("application/problem+json");
            text(response, "{\"type\":\"about:blank\",\"title\":\"" + json(title) + "\",\"status\":503,\"detail\":\""
                    + json(detail) + "\",\"instance\":\"" + json(path) + "\"}");
            return;
        }
        response.setContentType("text/html");
        text(response, "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + html(title)
                + "</title><link rel=\"stylesheet\" href=\"" + request.getContextPath() + "/css/strata.css\"></head><body><main class=\"page\"><h1>"
                + html(title) + "</h1><p class=\"alert error\" role=\"alert\" id=\"" + id + "\">" + html(detail) + "</p>"
                + (backToDashboard ? "<p class=\"hint\"><a href=\"" + request.getContextPath() + "/\">Back to the dashboard</a></p>" : "")
                + "</main></body></html>");
    }

    /**
     * The answer's text, through the writer or, when the answer's output stream was taken already (a download whose
     * database failed before its first byte, the body's stream asked for but nothing written), through that stream.
     */
    private static void text(HttpServletResponse response, String text) throws IOException {
        try {
            response.getWriter().write(text);
        } catch (IllegalStateException streamTaken) {
            response.getOutputStream().write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** Whether the path is read by programs (the API, health and the API's description): problem JSON, not a page. */
    public static boolean forMachines(String path) {
        return path.startsWith("/api/") || path.startsWith("/actuator/") || path.startsWith("/v3/");
    }

    /** Health's own answer when the database cannot be reached, for a failure before the endpoint could give it. */
    public static void healthDown(HttpServletResponse response, int retryAfterSeconds) throws IOException {
        response.resetBuffer();
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        if (retryAfterSeconds > 0) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(retryAfterSeconds));
        }
        response.setContentType("application/json");
        response.getWriter().write("{\"status\":\"DOWN\"}");
    }

    /** Our own sentences as HTML: their apostrophes. */
    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;").replace("\"", "&quot;");
    }

    /** Text as a JSON string's content (a path may hold quotes and backslashes once decoded). */
    private static String json(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
