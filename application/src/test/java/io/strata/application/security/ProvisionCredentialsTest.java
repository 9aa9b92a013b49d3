package io.strata.application.security;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProvisionCredentialsTest {

    private final SecurityServiceTest.InMemoryUsers users = new SecurityServiceTest.InMemoryUsers();
    private final ProvisionCredentials provision = new ProvisionCredentials(users, new SecurityServiceTest.InMemoryTokens(),
            raw -> "hashed", SecurityServiceTest.NO_PASSWORD_WORD);

    @Test
    void aWeakConfiguredAdminPasswordStopsTheFirstStartSayingWhyAndWhatToDo() {
        assertThatThrownBy(() -> provision.provision(Optional.of("admin password 1"), Optional.of("token")))
                .isInstanceOf(ProvisionCredentials.RefusedAdminPassword.class)
                .hasMessage("STRATA_ADMIN_PASSWORD is refused: 'password' is too easy to guess: it is built on the word 'password'. "
                        + "Add another uncommon word or two. Set a stronger STRATA_ADMIN_PASSWORD, or leave it unset to have a strong "
                        + "password generated and printed once to the log, then start again.");
        assertThat(users.all()).isEmpty();
    }

    @Test
    void aShortOrBlankConfiguredAdminPasswordStopsTheFirstStart() {
        assertThatThrownBy(() -> provision.provision(Optional.of("short"), Optional.of("token")))
                .isInstanceOf(ProvisionCredentials.RefusedAdminPassword.class).hasMessageContaining("at least 12 characters");
        assertThat(users.all()).isEmpty();
    }

    @Test
    void aStrongConfiguredAdminPasswordCreatesTheAdmin() {
        provision.provision(Optional.of("harbour lantern 2030"), Optional.of("token"));

        assertThat(users.find(ProvisionCredentials.ADMIN)).hasValueSatisfying(admin -> assertThat(admin.role()).isEqualTo(Role.ADMIN));
    }

    @Test
    void theAdminPasswordIsJudgedOnlyWhenTheAdminIsCreated() {
        provision.provision(Optional.empty(), Optional.of("token"));

        assertThat(provision.provision(Optional.of("admin password 1"), Optional.of("token"))).isEmpty();
    }
}
