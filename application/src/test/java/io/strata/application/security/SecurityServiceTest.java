package io.strata.application.security;

import io.strata.application.audit.ListTrail;
import io.strata.application.security.port.out.PasswordStrength;
import io.strata.application.security.port.out.ApiTokens;
import io.strata.application.security.port.out.ConsoleUsers;
import io.strata.application.audit.AuditAction;
import io.strata.application.audit.AuditEntry;
import io.strata.application.audit.AuditSnapshot;
import io.strata.application.audit.port.out.Transactions;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecurityServiceTest {

    private static final Instant NOW = Instant.parse("2030-01-01T09:00:00Z");

    private final InMemoryTokens tokens = new InMemoryTokens();
    private final InMemoryUsers users = new InMemoryUsers();
    private final List<AuditEntry> trail = new ArrayList<>();
    /** Stands in for the estimator: a password with the word 'password' in it is easy to guess. */
    static final PasswordStrength NO_PASSWORD_WORD = (password, personal) -> password.contains("password")
            ? Optional.of("it is built on the word 'password'. Add another uncommon word or two.") : Optional.empty();

    private final SecurityService service = new SecurityService(tokens, users, raw -> "hashed:" + raw.length(), NO_PASSWORD_WORD, new ListTrail(trail),
            new Transactions() {
                @Override
                public <T> T inOne(Supplier<T> work) {
                    return work.get();
                }
            }, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void anIssuedTokenIsStoredAsTheDigestOfItsSecretAndTheTrailKeepsNeither() {
        IssuedToken issued = service.issue(new IssueToken("nightly export", Role.IMPORTER, null, "admin"));

        assertThat(issued.token().digest()).isEqualTo(TokenDigest.of(issued.secret())).isNotEqualTo(issued.secret());
        assertThat(trail).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo(AuditAction.CREATED);
            assertThat(entry.actor()).isEqualTo("admin");
            assertThat(entry.after()).isEqualTo(AuditSnapshot.of("name", "nightly export", "role", "IMPORTER", "expiresAt", null, "revokedAt", null));
        });
    }

    @Test
    void aTokenCannotExpireInThePast() {
        assertThatThrownBy(() -> service.issue(new IssueToken("late", Role.ANALYST, NOW.minusSeconds(1), "admin")))
                .hasMessageContaining("not in the future");
        assertThat(trail).isEmpty();
    }

    @Test
    void revokingTwiceRecordsOneRevocation() {
        long id = service.issue(new IssueToken("t", Role.ANALYST, null, "admin")).token().id();

        service.revoke(id, "admin");
        service.revoke(id, "admin");

        assertThat(trail).extracting(AuditEntry::action).containsExactly(AuditAction.CREATED, AuditAction.REVOKED);
        assertThat(tokens.find(id).orElseThrow().revokedAt()).isEqualTo(NOW);
    }

    @Test
    void theLastEnabledAdminCannotBeDisabledButAnotherAdminCan() {
        service.create(new CreateConsoleUser("first", "first harbour lantern", Role.ADMIN, "setup"));
        service.create(new CreateConsoleUser("second", "second harbour lantern", Role.ADMIN, "setup"));

        service.disable("first", "second");

        assertThatThrownBy(() -> service.disable("second", "token:setup")).isInstanceOf(RefusedChange.class).hasMessageContaining("last enabled admin");
        assertThat(users.find("second").orElseThrow().enabled()).isTrue();
    }

    @Test
    void anAdminCannotDisableTheirOwnAccountWhateverTheCaseButAnotherAdminCan() {
        service.create(new CreateConsoleUser("first", "first harbour lantern", Role.ADMIN, "setup"));
        service.create(new CreateConsoleUser("second", "second harbour lantern", Role.ADMIN, "setup"));

        assertThatThrownBy(() -> service.disable("first", "First")).isInstanceOf(RefusedChange.class)
                .hasMessage("You cannot disable your own account; another admin can");
        assertThat(users.find("first").orElseThrow().enabled()).isTrue();
        service.disable("first", "second");
        assertThat(users.find("first").orElseThrow().enabled()).isFalse();
    }

    @Test
    void aUserIsStoredWithTheHashOfItsPasswordAndTheTrailKeepsNeither() {
        ConsoleUser user = service.create(new CreateConsoleUser("ilze", "correct horse battery", Role.PLANNER, "admin"));

        assertThat(user.passwordHash()).isEqualTo("hashed:21");
        assertThat(trail).singleElement().satisfies(entry ->
                assertThat(((AuditSnapshot.Values) entry.after()).values())
                        .containsExactly(entry("username", "ilze"), entry("role", "PLANNER"), entry("enabled", true)));
    }

    @Test
    void aPasswordTheEstimatorFindsEasyToGuessIsRefusedWithItsReasonAndNothingIsStored() {
        assertThatThrownBy(() -> service.create(new CreateConsoleUser("ilze", "my password 2030", Role.PLANNER, "admin")))
                .isInstanceOf(WeakPassword.class)
                .hasMessage("'password' is too easy to guess: it is built on the word 'password'. Add another uncommon word or two.");
        assertThat(users.all()).isEmpty();
        assertThat(trail).isEmpty();
    }

    @Test
    void disablingAnUnknownUserNamesIt() {
        assertThatThrownBy(() -> service.disable("nobody", "admin")).isInstanceOf(UnknownUser.class).hasMessageContaining("'nobody'");
    }

    static final class InMemoryTokens implements ApiTokens {

        private final Map<Long, ApiToken> tokens = new LinkedHashMap<>();

        @Override
        public Optional<ApiToken> findByDigest(String digest) {
            return tokens.values().stream().filter(t -> t.digest().equals(digest)).findFirst();
        }

        @Override
        public Optional<ApiToken> find(long id) {
            return Optional.ofNullable(tokens.get(id));
        }

        @Override
        public List<ApiToken> all() {
            return List.copyOf(tokens.values());
        }

        @Override
        public List<ApiToken> newest(Long before, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean register(String name, String digest, Role role, Instant expiresAt) {
            create(name, digest, role, expiresAt);
            return true;
        }

        @Override
        public ApiToken create(String name, String digest, Role role, Instant expiresAt) {
            ApiToken token = new ApiToken(tokens.size() + 1, name, digest, role, NOW, expiresAt, null);
            tokens.put(token.id(), token);
            return token;
        }

        @Override
        public boolean revoke(long id, Instant at) {
            ApiToken t = tokens.get(id);
            if (t == null || t.revokedAt() != null) {
                return false;
            }
            tokens.put(id, new ApiToken(t.id(), t.name(), t.digest(), t.role(), t.createdAt(), t.expiresAt(), at));
            return true;
        }

        @Override
        public long count() {
            return tokens.size();
        }
    }

    static final class InMemoryUsers implements ConsoleUsers {

        private final Map<String, ConsoleUser> users = new LinkedHashMap<>();

        @Override
        public Optional<ConsoleUser> find(String username) {
            return Optional.ofNullable(users.get(username));
        }

        @Override
        public List<ConsoleUser> all() {
            return List.copyOf(users.values());
        }

        @Override
        public List<ConsoleUser> page(String after, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean create(ConsoleUser user) {
            return users.putIfAbsent(user.username(), user) == null;
        }

        @Override
        public boolean setEnabled(String username, boolean enabled) {
            ConsoleUser u = users.get(username);
            if (u == null) {
                return false;
            }
            users.put(username, new ConsoleUser(u.username(), u.passwordHash(), u.role(), enabled));
            return true;
        }

        @Override
        public long countEnabled(Role role) {
            return users.values().stream().filter(u -> u.enabled() && u.role() == role).count();
        }
    }
}
