package io.strata.adapters.web.problem;

import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The API's last answer to an IllegalArgumentException: a refusal Strata's code wrote is answered in its words, one the
 * JDK or a library threw is not (session 59; docs/architecture.md, "A failure's own words stay in the log"). No input
 * is known to reach it with a foreign one: the JDK's own refusal is made here for real.
 */
class ForeignRefusalTest {

    private final ApiProblems problems = new ApiProblems();

    @Test
    void aRefusalOfTheJdksIsAnsweredInTheProductsWordsWithAReference() {
        IllegalArgumentException jdks = catchThrowableOfType(IllegalArgumentException.class, () -> java.util.UUID.fromString("not an id"));

        ProblemDetail answer = problems.invalid(jdks, new MockHttpServletRequest("GET", "/api/v1/imports/x")).getBody();

        assertThat(answer.getStatus()).isEqualTo(400);
        assertThat(answer.getDetail()).doesNotContain("UUID", "Invalid", "not an id", "java.").matches("A value of the request could not be"
                + " used, and Strata cannot say which \\(reference [0-9a-f]{8}\\)\\. Check the request against the API description \\(GET"
                + " /v3/api-docs lists every call with its parameters\\); if it is right, give the reference to your administrator\\.");
    }

    @Test
    void aRefusalOfStratasOwnKeepsItsWords() {
        IllegalArgumentException own = new IllegalArgumentException("limit must be a whole number from 1 to 1000");

        ProblemDetail answer = problems.invalid(own, new MockHttpServletRequest("GET", "/api/v1/campaigns")).getBody();

        assertThat(answer.getStatus()).isEqualTo(400);
        assertThat(answer.getDetail()).isEqualTo("limit must be a whole number from 1 to 1000");
    }

    /**
     * A refusal of Strata's own type made by a JDK method (a constructor reference handed to Optional.map) has the JDK's
     * frame innermost; its type says it is the product's (session 60: before, its words were hidden behind a reference).
     */
    @Test
    void aRefusalOfStratasOwnTypeMadeByAJdkMethodKeepsItsWords() {
        IllegalArgumentException own = java.util.Optional.of("the name has 201 characters; at most 200 are allowed")
                .map(io.strata.domain.segmentation.InvalidSegmentation::new).orElseThrow();
        assertThat(own.getStackTrace()[0].getClassName()).isEqualTo("java.util.Optional");

        ProblemDetail answer = problems.invalid(own, new MockHttpServletRequest("POST", "/api/v1/segmentations")).getBody();

        assertThat(answer.getDetail()).isEqualTo("the name has 201 characters; at most 200 are allowed");
    }

    /** The JDK's own refusal made in a JDK method that Strata's code handed a method reference is still not the product's. */
    @Test
    void aRefusalOfTheJdksMadeInAStreamIsStillNotTheProducts() {
        IllegalArgumentException jdks = catchThrowableOfType(IllegalArgumentException.class,
                () -> java.util.stream.Stream.of("not an id").map(java.util.UUID::fromString).toList());

        ProblemDetail answer = problems.invalid(jdks, new MockHttpServletRequest("GET", "/api/v1/imports/x")).getBody();

        assertThat(answer.getDetail()).doesNotContain("UUID", "Invalid", "not an id").startsWith("A value of the request could not be used");
    }
}
