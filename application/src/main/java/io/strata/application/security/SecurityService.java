package io.strata.application.security;

import io.strata.application.security.port.in.ManageConsoleUsers;
import io.strata.application.security.port.out.PasswordStrength;
import io.strata.application.security.port.in.ManageApiTokens;
import io.strata.application.security.port.out.PasswordHashing;
import io.strata.application.security.port.out.ApiTokens;
import io.strata.application.security.port.out.ConsoleUsers;
import io.strata.application.audit.AuditAction;
import io.strata.application.audit.AuditEntry;
import io.strata.application.audit.AuditSnapshot;
import io.strata.application.audit.port.out.AuditTrail;
import io.strata.application.audit.port.out.Transactions;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Tokens and console users, each change recorded in the audit trail in the same transaction. */
public final class SecurityService implements ManageApiTokens, ManageConsoleUsers {

    static final String TOKEN = "api_token";
    static final String USER = "console_user";

    private final ApiTokens tokens;
    private final ConsoleUsers users;
    private final PasswordHashing hashing;
    private final PasswordStrength strength;
    private final AuditTrail audit;
    private final Transactions transactions;
    private final Clock clock;

    public SecurityService(ApiTokens tokens, ConsoleUsers users, PasswordHashing hashing, PasswordStrength strength,
                           AuditTrail audit, Transactions transactions, Clock clock) {
        this.tokens = tokens;
        this.users = users;
        this.hashing = hashing;
        this.strength = strength;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * The latest moment a token may expire: the end of 9999-12-31 (UTC). ISO-8601 allows years of nine digits, which
     * reached PostgreSQL as a timestamp it cannot hold (a 500).
     */
    static final Instant LAST_EXPIRY = java.time.LocalDate.of(10_000, 1, 1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();

    @Override
    public IssuedToken issue(IssueToken command) {
        Instant now = clock.instant();
        if (command.expiresAt() != null && !command.expiresAt().isAfter(now)) {
            throw new IllegalArgumentException("'expiresAt' (" + command.expiresAt() + ") is not in the future; leave it out for a token without end");
        }
        if (command.expiresAt() != null && command.expiresAt().isAfter(LAST_EXPIRY)) {
            // a year of nine digits reached PostgreSQL as a timestamp it cannot hold: a 500
            throw new IllegalArgumentException("'expiresAt' (" + command.expiresAt() + ") must lie on or before 9999-12-31 (UTC); "
                    + "leave it out for a token without end");
        }
        String secret = TokenDigest.newSecret("strata_");
        return transactions.inOne(() -> {
            ApiToken token = tokens.create(command.name(), TokenDigest.of(secret), command.role(), command.expiresAt());
            audit.record(AuditEntry.of(command.actor(), AuditAction.CREATED, TOKEN, Long.toString(token.id()))
                    .withAfter(describe(token)));
            return new IssuedToken(token, secret);
        });
    }

    @Override
    public List<ApiToken> tokens() {
        return tokens.all();
    }

    @Override
    public List<ApiToken> tokens(Long before, int limit) {
        return tokens.newest(before, limit);
    }

    @Override
    public Optional<ApiToken> token(long tokenId) {
        return tokens.find(tokenId);
    }

    @Override
    public ApiToken revoke(long tokenId, String actor) {
        return transactions.inOne(() -> {
            ApiToken before = tokens.find(tokenId).orElseThrow(() -> new UnknownToken(tokenId));
            if (tokens.revoke(tokenId, clock.instant())) {
                ApiToken after = tokens.find(tokenId).orElseThrow();
                audit.record(AuditEntry.of(actor, AuditAction.REVOKED, TOKEN, Long.toString(tokenId))
                        .withBefore(describe(before)).withAfter(describe(after)));
                return after;
            }
            return before;
        });
    }

    @Override
    public ConsoleUser create(CreateConsoleUser command) {
        strength.weakness(command.password(), List.of(command.username())).ifPresent(weakness -> {
            throw new WeakPassword(weakness);
        });
        ConsoleUser user = new ConsoleUser(command.username(), hashing.hash(command.password()), command.role(), true);
        return transactions.inOne(() -> {
            if (!users.create(user)) {
                // names are one whatever their case: say which stored name this one collides with
                String taken = users.find(command.username()).map(ConsoleUser::username).orElse(command.username());
                throw new RefusedChange("a console user named '" + taken + "' exists already"
                        + (taken.equals(command.username()) ? "" : " (user names are the same whatever their case)")
                        + "; choose another name");
            }
            audit.record(AuditEntry.of(command.actor(), AuditAction.CREATED, USER, user.username()).withAfter(describe(user)));
            return user;
        });
    }

    @Override
    public List<ConsoleUser> users() {
        return users.all();
    }

    @Override
    public List<ConsoleUser> users(String after, int limit) {
        return users.page(after, limit);
    }

    @Override
    public Optional<ConsoleUser> user(String username) {
        return users.find(username);
    }

    @Override
    public ConsoleUser disable(String username, String actor) {
        return setEnabled(username, false, actor);
    }

    @Override
    public ConsoleUser enable(String username, String actor) {
        return setEnabled(username, true, actor);
    }

    private ConsoleUser setEnabled(String username, boolean enabled, String actor) {
        return transactions.inOne(() -> {
            ConsoleUser before = users.find(username).orElseThrow(() -> new UnknownUser(username));
            if (before.enabled() == enabled) {
                return before;
            }
            // an admin who locks themselves out may leave nobody to undo it, and loses the session mid-work
            if (!enabled && before.username().equalsIgnoreCase(actor)) {
                throw new RefusedChange("You cannot disable your own account; another admin can");
            }
            if (!enabled && before.role() == Role.ADMIN && users.countEnabled(Role.ADMIN) <= 1) {
                throw new RefusedChange("'" + username + "' is the last enabled admin; enable or create another admin first");
            }
            users.setEnabled(username, enabled);
            ConsoleUser after = users.find(username).orElseThrow();
            // the trail names the user as stored, whatever case the request used
            audit.record(AuditEntry.of(actor, enabled ? AuditAction.ENABLED : AuditAction.DISABLED, USER, before.username())
                    .withBefore(describe(before)).withAfter(describe(after)));
            return after;
        });
    }

    /** What the trail keeps of a token: never its secret nor its digest. */
    private static AuditSnapshot.Values describe(ApiToken token) {
        return AuditSnapshot.of("name", token.name(), "role", token.role().name(),
                "expiresAt", token.expiresAt() == null ? null : token.expiresAt().toString(),
                "revokedAt", token.revokedAt() == null ? null : token.revokedAt().toString());
    }

    /** What the trail keeps of a user: never the password hash. */
    private static AuditSnapshot.Values describe(ConsoleUser user) {
        return AuditSnapshot.of("username", user.username(), "role", user.role().name(), "enabled", user.enabled());
    }
}
