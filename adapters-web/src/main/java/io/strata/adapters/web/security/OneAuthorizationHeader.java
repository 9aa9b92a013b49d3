package io.strata.adapters.web.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Enumeration;

/** An API request with more than one Authorization header is refused before any token is read (400, {@link ProblemResponses}). */
final class OneAuthorizationHeader extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        int count = 0;
        for (Enumeration<String> values = request.getHeaders("Authorization"); values != null && values.hasMoreElements(); values.nextElement()) {
            count++;
        }
        if (count > 1) {
            ProblemResponses.refuseSeveralAuthorizations(request, response, count);
            return;
        }
        chain.doFilter(request, response);
    }
}
