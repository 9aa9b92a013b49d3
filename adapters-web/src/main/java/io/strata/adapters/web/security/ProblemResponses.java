package io.strata.adapters.web.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;

/** 401 and 403 of the API as application/problem+json, written before any controller runs. */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    /** The methods Spring MVC maps at a path (none when no call has that address), or null when that cannot be told. */
    private final java.util.function.Function<String, java.util.Set<HttpMethod>> mapped;

    ProblemResponses(java.util.function.Function<String, java.util.Set<HttpMethod>> mapped) {
        this.mapped = mapped;
    }

    /** Where a caller gets a token, said in every 401 and 400 about the Authorization header. */
    static final String HOW_TO_GET_ONE = "an admin creates API tokens in the console (Access) or with POST /api/v1/tokens, "
            + "and STRATA_API_TOKEN sets one at start";

    /** What Spring Security's bearer token resolver takes after "Bearer " (RFC 6750's b64token). */
    private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("[A-Za-z0-9._~+/-]+=*");

    /**
     * The 401 says what is wrong with what was sent, told from the Authorization header itself: none, another scheme
     * (Basic got the sentence about an unknown bearer token before session 50), Bearer with no token or a token that
     * cannot be one, or a token Strata does not know.
     */
    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"strata\"");
        write(response, 401, "Unauthorized", whyUnauthorized(request.getHeader("Authorization")), request.getRequestURI());
    }

    static String whyUnauthorized(String authorization) {
        if (authorization == null) {
            return "This call needs an API token. Send 'Authorization: Bearer <token>'; the token is set with STRATA_API_TOKEN or created in the console.";
        }
        String scheme = authorization.strip().split("[ \t]", 2)[0];
        if (scheme.equalsIgnoreCase("Basic")) {
            return "This API does not take a user name and password (HTTP Basic authentication); it takes an API token. Send "
                    + "'Authorization: Bearer <token>': " + HOW_TO_GET_ONE + ".";
        }
        if (!authorization.regionMatches(true, 0, "Bearer", 0, 6)) {
            return "The Authorization header does not hold a bearer token; this API takes only API tokens. Send "
                    + "'Authorization: Bearer <token>': " + HOW_TO_GET_ONE + ".";
        }
        String token = authorization.substring(6);
        if (token.isBlank()) {
            return "The Authorization header says Bearer but holds no token. Send 'Authorization: Bearer <token>' with the token after "
                    + "one space: " + HOW_TO_GET_ONE + ".";
        }
        if (!token.startsWith(" ") || !TOKEN.matcher(token.substring(1)).matches()) {
            return "The bearer token cannot be one: send 'Authorization: Bearer <token>', one space after Bearer and then the token "
                    + "exactly as it was given (letters, digits and - . _ ~ + /, no spaces or quotes): " + HOW_TO_GET_ONE + ".";
        }
        return "The bearer token is not valid (unknown, expired or revoked). Send 'Authorization: Bearer <token>' with an active API token.";
    }

    /**
     * Two Authorization headers (RFC 9110 allows one): which one is meant cannot be told, so neither is taken, even when
     * one of them holds a good token. Before session 50 the first was taken and the second ignored.
     */
    static void refuseSeveralAuthorizations(HttpServletRequest request, HttpServletResponse response, int count) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"strata\", error=\"invalid_request\"");
        write(response, 400, "Bad Request", "The request has " + count + " Authorization headers; send one: 'Authorization: Bearer <token>'.",
                request.getRequestURI());
    }

    /**
     * A token's role refused by a rule is a 403. A request no rule names is refused all the same, but as what it is: a
     * path the API does not have (404) or a method that path does not take (405), since no role could make that call.
     */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        String path = request.getRequestURI();
        HttpMethod method = HttpMethod.valueOf(request.getMethod());
        if (ApiAccessRules.ruleFor(method, path).isEmpty()) {
            // the calls mapped at this address, not the rules' patterns: a rule for GET /api/v1/segmentation-runs/** made
            // POST /api/v1/segmentation-runs/1/planets a 405 "it takes GET" for an address no method has (session 50)
            java.util.Set<HttpMethod> taken = mapped.apply(path);
            if (taken == null) {
                taken = ApiAccessRules.methodsFor(path);
            }
            taken.remove(method); // mapped without a rule: no one may call it (EndpointAuthorizationTest requires a rule)
            if (taken.isEmpty()) {
                write(response, 404, "Not found", "There is no call " + excerpt(path) + " in the API; check the address ("
                        + "GET /v3/api-docs lists every call).", path);
            } else {
                String methods = String.join(", ", taken.stream().map(HttpMethod::name).toList());
                response.setHeader("Allow", methods);
                write(response, 405, "Method Not Allowed", method.name() + " is not taken by " + excerpt(path) + "; it takes " + methods
                        + " (GET /v3/api-docs lists every call).", path);
            }
            return;
        }
        write(response, 403, "Forbidden", "Your token's role may not make this call; ask an admin for a token with the needed role.",
                request.getRequestURI());
    }

    private static void write(HttpServletResponse response, int status, String title, String detail, String instance) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + escape(detail) + "\",\"instance\":\"" + escape(instance) + "\"}");
    }

    private static String excerpt(String path) {
        return io.strata.domain.text.PlainText.cut(path, 200);
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
