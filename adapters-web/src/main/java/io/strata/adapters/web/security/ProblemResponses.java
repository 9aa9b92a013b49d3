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

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"strata\"");
        boolean sentToken = request.getHeader("Authorization") != null;
        write(response, 401, "Unauthorized", sentToken
                ? "The bearer token is not valid (unknown, expired or revoked). Send 'Authorization: Bearer <token>' with an active API token."
                : "This call needs an API token. Send 'Authorization: Bearer <token>'; the token is set with STRATA_API_TOKEN or created in the console.",
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
            java.util.Set<HttpMethod> taken = ApiAccessRules.methodsFor(path);
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
        return path.length() <= 200 ? path : path.substring(0, 200) + "…";
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
