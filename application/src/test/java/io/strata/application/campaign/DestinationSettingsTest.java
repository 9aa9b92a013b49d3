package io.strata.application.campaign;

import io.strata.domain.campaign.InvalidDeliverySetting;
import org.junit.jupiter.api.Test;

import java.util.List;

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
}
