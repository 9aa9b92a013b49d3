package io.strata.adapters.web.problem;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Collections;
import java.util.Locale;

/**
 * A body sent with a Content-Encoding (gzip, br, deflate) is refused with 415 before anything reads it (RFC 9110,
 * 15.5.16): Strata decompresses nothing, so a gzipped JSON body was "not valid JSON at line 1, column 2" and a gzipped
 * CSV import "bytes that are not UTF-8", words that sent the reader looking in the wrong place. Only
 * {@code identity} (no encoding) is taken. Runs after Spring Security, so a call without a token is still a 401.
 */
@Component
public class CompressedBodies extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String encoding = encoding(request);
        if (encoding == null) {
            chain.doFilter(request, response);
            return;
        }
        String detail = "The body is sent with Content-Encoding '" + io.strata.application.imports.Excerpt.of(encoding, 100)
                + "', which Strata does not decode; send it uncompressed, without a Content-Encoding header.";
        if (RequestProblems.isApi(request.getRequestURI())) {
            response.setStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE.value());
            response.setHeader("Accept-Encoding", "identity");
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Unsupported Media Type\",\"status\":415,\"detail\":"
                    + tools.jackson.databind.json.JsonMapper.shared().writeValueAsString(detail) + ",\"header\":\"Content-Encoding\"}");
            return;
        }
        request.setAttribute(ErrorPages.DETAIL, detail);
        response.sendError(HttpStatus.UNSUPPORTED_MEDIA_TYPE.value());
    }

    /** The encodings named other than identity, or null when the body is as it is. */
    private static String encoding(HttpServletRequest request) {
        for (String value : Collections.list(request.getHeaders(HttpHeaders.CONTENT_ENCODING))) {
            for (String coding : value.split(",")) {
                String name = coding.strip().toLowerCase(Locale.ROOT);
                if (!name.isEmpty() && !name.equals("identity")) {
                    return value.strip();
                }
            }
        }
        return null;
    }
}
