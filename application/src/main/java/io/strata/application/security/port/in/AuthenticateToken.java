package io.strata.application.security.port.in;

import io.strata.application.security.ApiToken;

import java.util.Optional;

/** In-port: which active token, if any, a bearer secret stands for. */
public interface AuthenticateToken {

    /** The token the secret belongs to, if it exists and is active now; empty for anything else, blank or overlong secrets included. */
    Optional<ApiToken> authenticate(String secret);
}
