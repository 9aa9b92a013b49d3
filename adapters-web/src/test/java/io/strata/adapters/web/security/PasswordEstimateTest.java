package io.strata.adapters.web.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordEstimateTest {

    private final PasswordEstimate estimate = new PasswordEstimate(30);

    @ParameterizedTest
    @ValueSource(strings = {"            ", "aaaaaaaaaaaa", "password1234", "123456789012", "abcdefghijkl", "qwertyuiop12",
            "iloveyou1234", "Pa55w0rd2024", "test-admin-password", "a sound password"})
    void repetitiveSequentialAndCommonPasswordsAreRefused(String password) {
        assertThat(estimate.weakness(password, List.of("ilze"))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"correct horse battery", "harbour lantern 2030", "kF7#pLm2vQ9z", "Tr0ub4dor&3x"})
    void phrasesOfUncommonWordsAndRandomStringsAreAccepted(String password) {
        assertThat(estimate.weakness(password, List.of("ilze"))).isEmpty();
    }

    @Test
    void theRefusalSaysWhyAndHowToFixItWithoutRepeatingThePassword() {
        assertThat(estimate.weakness("aaaaaaaaaaaa", List.of("ilze"))).hasValueSatisfying(why -> assertThat(why)
                .isEqualTo("Repeats like \"aaa\" are easy to guess. Avoid repeated words and characters. "
                        + "Add another word or two. Uncommon words are better. (Estimated strength 8 bits; at least 30 are needed.)")
                .doesNotContain("aaaaaaaaaaaa"));
    }

    @Test
    void theUserNameAndTheProductNameCountAsEasyToGuess() {
        String password = "ilze.berzina.strata";
        assertThat(estimate.weakness(password, List.of("someone"))).isEmpty();
        assertThat(estimate.weakness(password, List.of("ilze.berzina"))).isPresent();
    }
}
