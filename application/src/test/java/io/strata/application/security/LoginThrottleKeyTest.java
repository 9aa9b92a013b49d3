package io.strata.application.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user name typed at the login is counted by its first 128 characters: a long name costs no more memory. The cut
 * falls between characters (until session 60 it could fall inside an emoji's pair and keep half of it).
 */
class LoginThrottleKeyTest {

    @Test
    void aLongNameIsKeptAsItsFirst128CharactersNeverHalfOfOne() {
        String emoji = Character.toString(0x1F600);
        assertThat(LoginThrottle.key("a" + emoji.repeat(200))).isEqualTo("a" + emoji.repeat(127));
        assertThat(LoginThrottle.key(" Ann ")).isEqualTo("ann");
        assertThat(LoginThrottle.key(emoji.repeat(128))).isEqualTo(emoji.repeat(128));
    }
}
