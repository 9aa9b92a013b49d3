package io.strata.application.security.port.in;

import io.strata.application.security.IssueToken;
import io.strata.application.security.IssuedToken;
import io.strata.application.security.ApiToken;
import java.util.List;
import java.util.Optional;

/** In-port: admins issue, list and revoke API tokens. */
public interface ManageApiTokens {

    /** The answer carries the secret; it is shown this once and only its digest is kept. */
    IssuedToken issue(IssueToken command);

    List<ApiToken> tokens();

    /** The tokens after token {@code before} newest first ({@code null}: from the newest), {@code limit} at most. */
    List<ApiToken> tokens(Long before, int limit);

    Optional<ApiToken> token(long tokenId);

    /** Revoking a revoked token changes nothing. */
    ApiToken revoke(long tokenId, String actor);
}
