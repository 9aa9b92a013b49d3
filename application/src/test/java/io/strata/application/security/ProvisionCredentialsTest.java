package io.strata.application.security;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ProvisionCredentialsTest {

    private final SecurityServiceTest.InMemoryUsers users = new SecurityServiceTest.InMemoryUsers();
    private final ProvisionCredentials provision = new ProvisionCredentials(users, new SecurityServiceTest.InMemoryTokens(),
            raw -> "hashed", SecurityServiceTest.NO_PASSWORD_WORD);

    @Test
    void aWeakConfiguredAdminPasswordIsSetAsTheContractSaysWithAWarningSayingWhyAndWhatToDo() {
        ProvisionCredentials.Provisioned provisioned = provision.provision(Optional.of("admin password 1"), Optional.of("token"));

        assertThat(provisioned.warnings()).containsExactly("STRATA_ADMIN_PASSWORD is weak: it is too easy to guess: it is built on the "
                + "word 'password'. Add another uncommon word or two. The console user 'admin' has it because the setting asks for it; "
                + "on an installation anyone else can reach, start a new one with a stronger STRATA_ADMIN_PASSWORD, or without it to "
                + "have a strong password generated.");
        assertThat(users.find(ProvisionCredentials.ADMIN)).isPresent();
    }

    @Test
    void aShortConfiguredAdminPasswordIsWarnedAbout() {
        ProvisionCredentials.Provisioned provisioned = provision.provision(Optional.of("short"), Optional.of("token"));

        assertThat(provisioned.warnings()).singleElement().asString().contains("at least 12 characters");
        assertThat(users.find(ProvisionCredentials.ADMIN)).isPresent();
    }

    @Test
    void aStrongConfiguredAdminPasswordCreatesTheAdminWithoutAWarning() {
        ProvisionCredentials.Provisioned provisioned = provision.provision(Optional.of("harbour lantern 2030"), Optional.of("token"));

        assertThat(provisioned.warnings()).isEmpty();
        assertThat(provisioned.generated()).isEmpty();
        assertThat(users.find(ProvisionCredentials.ADMIN)).hasValueSatisfying(admin -> assertThat(admin.role()).isEqualTo(Role.ADMIN));
    }

    @Test
    void theAdminPasswordIsJudgedOnlyWhenTheAdminIsCreated() {
        provision.provision(Optional.empty(), Optional.of("token"));

        ProvisionCredentials.Provisioned again = provision.provision(Optional.of("admin password 1"), Optional.of("token"));
        assertThat(again.generated()).isEmpty();
        assertThat(again.warnings()).isEmpty();
    }
}
