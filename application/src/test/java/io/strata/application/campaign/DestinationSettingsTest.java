package io.strata.application.campaign;

import io.strata.domain.campaign.InvalidDeliverySetting;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A destination's URL that does not parse is refused saying where, in the product's words (session 59). */
class DestinationSettingsTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Test
    void aUrlThatDoesNotParseIsRefusedNamingTheCharacterAndWhereNotInTheJdksWords() {
        // the JDK's URI parser refuses these; its reasons were "Illegal character in authority", "Illegal character in path"
        assertThatThrownBy(() -> DestinationSettings.of("crm", "https://crm example.com/hooks", SECRET, List.of("email"), false, true))
                .isInstanceOf(InvalidDeliverySetting.class).hasMessage("url 'https://crm example.com/hooks' is not a URL: the character U+0020"
                        + " at position 12 cannot stand there (a space, a quote or a bracket in a path or query is written percent-encoded, a"
                        + " space as %20); give one such as https://crm.example.com/hooks/strata");
        assertThatThrownBy(() -> DestinationSettings.of("crm", "https://crm.example.com/a\"b", SECRET, List.of("email"), false, true))
                .isInstanceOf(InvalidDeliverySetting.class).message().doesNotContain("Illegal", "index")
                .startsWith("url 'https://crm.example.com/a\"b' is not a URL: the character '\"' at position 26 cannot stand there");
        // a URL broken otherwise (an address in brackets never closed) is refused without a position, never with the JDK's words
        assertThatThrownBy(() -> DestinationSettings.of("crm", "https://[crm", SECRET, List.of("email"), false, true))
                .isInstanceOf(InvalidDeliverySetting.class)
                .hasMessage("url 'https://[crm' is not a URL; give one such as https://crm.example.com/hooks/strata");
    }

    /**
     * A URL has at most 2000 characters, counted as people and the database count them: a path of emoji (U+1F600, two Java
     * chars each) up to the bound is taken (until session 60 one of 1,000 characters was refused as 1,977 + 1,000), and a
     * position is counted in characters too.
     */
    @Test
    void aUrlHas2000CharactersCountedAsCharactersNotJavaChars() {
        String emoji = Character.toString(0x1F600);
        String start = "https://crm.example.com/";
        String longest = start + emoji.repeat(2000 - start.length());
        assertThat(DestinationSettings.of("crm", longest, SECRET, List.of("email"), false, true).url().toString()).isEqualTo(longest);
        assertThatThrownBy(() -> DestinationSettings.of("crm", longest + "x", SECRET, List.of("email"), false, true))
                .isInstanceOf(InvalidDeliverySetting.class).hasMessage("url has 2001 characters; at most 2000 are allowed");
        assertThatThrownBy(() -> DestinationSettings.of("crm", start + emoji + " x", SECRET, List.of("email"), false, true))
                .isInstanceOf(InvalidDeliverySetting.class).message().contains("the character U+0020 at position 26 cannot stand there");
    }
}
