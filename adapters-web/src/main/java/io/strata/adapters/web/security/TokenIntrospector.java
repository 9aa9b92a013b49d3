package io.strata.adapters.web.security;

import io.strata.application.security.ApiToken;
import io.strata.application.security.port.in.AuthenticateToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

import java.util.List;
import java.util.Map;

/** Bearer tokens are our own opaque tokens, checked against the stored digests. */
final class TokenIntrospector implements OpaqueTokenIntrospector {

    private final AuthenticateToken authenticate;

    TokenIntrospector(AuthenticateToken authenticate) {
        this.authenticate = authenticate;
    }

    @Override
    public OAuth2AuthenticatedPrincipal introspect(String token) {
        ApiToken found = authenticate.authenticate(token)
                .orElseThrow(() -> new BadOpaqueTokenException("unknown, expired or revoked token"));
        return new DefaultOAuth2AuthenticatedPrincipal("token:" + found.name(),
                Map.of("token_id", found.id(), "role", found.role().name()),
                List.of(new SimpleGrantedAuthority("ROLE_" + found.role().name())));
    }
}
