package io.strata.application.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CreateConsoleUserTest {

    @Test
    void aPasswordOfTwelveCharactersIsEnough() {
        assertThat(new CreateConsoleUser("ilze", "twelve chars", Role.PLANNER, "admin").password()).hasSize(12);
    }

    @Test
    void aPasswordOfElevenCharactersIsRefused() {
        assertThatThrownBy(() -> new CreateConsoleUser("ilze", "eleven char", Role.PLANNER, "admin"))
                .hasMessageContaining("at least 12 characters");
    }

    @Test
    void aPasswordLongerThanBcryptReadsIsRefusedRatherThanCut() {
        assertThatThrownBy(() -> new CreateConsoleUser("ilze", "x".repeat(73), Role.PLANNER, "admin")).hasMessageContaining("72 bytes");
    }

    @Test
    void theUserNameIsNotAPassword() {
        assertThatThrownBy(() -> new CreateConsoleUser("ilze.berzina", "Ilze.Berzina", Role.PLANNER, "admin"))
                .hasMessageContaining("must not be the user name");
    }

    @Test
    void importerIsARoleForMachinesNotPeople() {
        assertThatThrownBy(() -> new CreateConsoleUser("robot", "a long password", Role.IMPORTER, "admin"))
                .hasMessageContaining("IMPORTER is for API tokens");
    }

    @Test
    void userNamesAreLettersDigitsAndAFewMarks() {
        assertThatThrownBy(() -> new CreateConsoleUser("ilze berzina", "a long password", Role.ANALYST, "admin"))
                .hasMessageContaining("'username'");
    }

    @Test
    void theCommandNeverPrintsThePassword() {
        assertThat(new CreateConsoleUser("ilze", "a long password", Role.ANALYST, "admin").toString()).doesNotContain("a long password");
    }

    @Test
    void aBlankPasswordIsRefusedWhateverItsLength() {
        assertThatThrownBy(() -> new CreateConsoleUser("ilze", " ".repeat(12), Role.PLANNER, "admin"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("'password' is blank");
    }
}
