package io.strata.adapters.web.admin;

import org.springframework.web.bind.annotation.RequestParam;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Parameter;
import io.strata.adapters.web.problem.ListLimit;
import io.strata.adapters.web.problem.ListCursor;
import jakarta.servlet.http.HttpServletRequest;
import io.strata.application.security.ApiToken;
import io.strata.application.security.IssueToken;
import io.strata.application.security.IssuedToken;
import io.strata.application.security.port.in.ManageApiTokens;
import io.strata.application.security.Role;
import io.strata.application.security.UnknownToken;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

@RestController
@RequestMapping(path = "/api/v1/tokens", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "API tokens", description = "Admins issue, list and revoke tokens; a secret is shown only in the answer that creates it")
public class TokenController {

    private final ManageApiTokens tokens;
    private final Clock clock;

    public TokenController(ManageApiTokens tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    public record NewToken(
            @Schema(maxLength = IssueToken.MAX_NAME_LENGTH, description = "Who or what will use the token: at most "
                    + IssueToken.MAX_NAME_LENGTH + " characters (Unicode code points: an emoji counts as one), white space around it not counted")
            String name,
            String role, String expiresAt) {
    }

    public record TokenBody(long id, String name, String role, String status, Instant createdAt, Instant expiresAt, Instant revokedAt) {

        static TokenBody of(ApiToken token, Instant now) {
            return new TokenBody(token.id(), token.name(), token.role().name(), token.statusAt(now).name(), token.createdAt(),
                    token.expiresAt(), token.revokedAt());
        }
    }

    public record IssuedTokenBody(long id, String name, String role, Instant createdAt, Instant expiresAt, String secret, String notice) {
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Issue a token", description = "Body: {name, role (ADMIN, PLANNER, ANALYST or IMPORTER), expiresAt? (ISO-8601)}. "
            + "The answer holds the secret: it is shown this once and stored only as a SHA-256 digest.")
    public ResponseEntity<IssuedTokenBody> issue(@RequestBody NewToken body, Authentication who) {
        if (body == null) {
            throw new IllegalArgumentException("send a JSON body {\"name\": ..., \"role\": ..., \"expiresAt\": ...}");
        }
        IssuedToken issued = tokens.issue(new IssueToken(body.name(), Role.parse(body.role()), Moments.parse("expiresAt", body.expiresAt()),
                who.getName()));
        ApiToken token = issued.token();
        return ResponseEntity.created(URI.create("/api/v1/tokens/" + token.id()))
                .body(new IssuedTokenBody(token.id(), token.name(), token.role().name(), token.createdAt(), token.expiresAt(), issued.secret(),
                        "Copy the secret now: it is not stored and cannot be shown again."));
    }

    @GetMapping
    @Operation(summary = "Every token, newest first, without secrets, a page at a time",
            description = "Newest first (by creation, then id), as it always has; a call without `before` answers the first `limit`"
                    + " (default 1000). When there are more, the Link header names the next page"
                    + " (<...?before=<id of the last token shown>>; rel=\"next\"); before=<id> answers the tokens after that one in"
                    + " this order (an id no token has: none). Following the links reaches every token once, in order.")
    public ResponseEntity<List<TokenBody>> list(@Parameter(description = "How many to answer with: 1 to 1000 (default 1000); more is refused with a 400",
            schema = @Schema(type = "integer", minimum = "1", maximum = "1000", defaultValue = "1000"))
            @RequestParam(required = false) String limit,
            @Parameter(description = "Answer the tokens after this one in the list's order (older ones): the Link header's next page gives it")
            @RequestParam(required = false) String before, HttpServletRequest request) {
        int count = ListLimit.parse(limit, ListLimit.MAX, ListLimit.MAX);
        Long after = ListCursor.id(before, "an API token").orElse(null);
        Instant now = clock.instant();
        ListCursor.Page<ApiToken> page = ListCursor.page(tokens.tokens(after, count + 1), count, t -> Long.toString(t.id()), request);
        return ResponseEntity.ok().headers(page.headers()).body(page.items().stream().map(t -> TokenBody.of(t, now)).toList());
    }

    @GetMapping("/{tokenId}")
    @Operation(summary = "One token, without its secret")
    public TokenBody one(@PathVariable long tokenId) {
        return tokens.token(tokenId).map(t -> TokenBody.of(t, clock.instant())).orElseThrow(() -> new UnknownToken(tokenId));
    }

    @DeleteMapping("/{tokenId}")
    @Operation(summary = "Revoke a token", description = "From now on the token gets 401. Revoking a revoked token changes nothing.")
    public ResponseEntity<Void> revoke(@PathVariable long tokenId, Authentication who) {
        tokens.revoke(tokenId, who.getName());
        return ResponseEntity.noContent().build();
    }
}
