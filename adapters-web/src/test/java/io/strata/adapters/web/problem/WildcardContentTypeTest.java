package io.strata.adapters.web.problem;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Spring's refusal of a wildcard Content-Type is recognised by what the request sent and where the exception came from,
 * not by Spring's wording (session 48 compared the message's start, "Content-Type cannot contain wildcard").
 */
class WildcardContentTypeTest {

    /** What Spring throws while it reads a request sent as this type: it adds the request's charset and sets the header. */
    private static IllegalArgumentException springsRefusalOf(String contentType) {
        MediaType sent = MediaType.parseMediaType(contentType);
        return catchThrowableOfType(IllegalArgumentException.class,
                () -> new HttpHeaders().setContentType(new MediaType(sent.getType(), sent.getSubtype(), java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void springsRefusalOfEachWildcardIsRecognised() {
        for (String wildcard : new String[] {"*/*", "text/*", "application/*", "application/*+json"}) {
            assertThat(RequestProblems.isWildcardContentType(springsRefusalOf(wildcard), wildcard)).as(wildcard).isTrue();
        }
    }

    @Test
    void theProductsOwnRefusalWithTheSameWordsIsNot() {
        // a value the product refuses, quoting what was sent: a 400 naming it, not a 415 about the body's type
        IllegalArgumentException sameWords = new IllegalArgumentException("Content-Type cannot contain wildcard type '*'");

        assertThat(RequestProblems.isWildcardContentType(sameWords, "application/json")).isFalse();
        assertThat(RequestProblems.isWildcardContentType(sameWords, "*/*")).as("thrown by the product, not by Spring's header").isFalse();
        assertThat(RequestProblems.isWildcardContentType(springsRefusalOf("*/*"), null)).as("no Content-Type sent").isFalse();
        assertThat(RequestProblems.isWildcardContentType(springsRefusalOf("*/*"), "charset=\"")).as("unreadable").isFalse();
    }
}
