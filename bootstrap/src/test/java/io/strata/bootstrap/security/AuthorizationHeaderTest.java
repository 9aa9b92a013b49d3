package io.strata.bootstrap.security;

import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;

import static io.strata.bootstrap.security.SpringsWords.assertProductProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an API call hears about its Authorization header, in the product's words: HTTP Basic, another scheme, Bearer
 * with no token or one that cannot be a token each say so and how to get a token; two Authorization headers are refused
 * whole. Before session 50 all of them got "The bearer token is not valid (unknown, expired or revoked)", and of two
 * headers the first was taken.
 */
class AuthorizationHeaderTest extends AdminApi {

    private static final String HOW = "an admin creates API tokens in the console (Access) or with POST /api/v1/tokens, and STRATA_API_TOKEN "
            + "sets one at start.";

    private HttpResponse<String> getWith(String... authorizations) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v1/campaigns")).GET();
        for (String authorization : authorizations) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertUnauthorized(HttpResponse<String> response, String detail) {
        assertProductProblem(response, 401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"strata\"");
        assertThat(field(response.body(), "detail")).isEqualTo(detail);
    }

    @Test
    void httpBasicIsA401SayingTheApiTakesABearerTokenAndWhereToGetOne() throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString("admin:quiet harbour lantern 41".getBytes());

        assertUnauthorized(getWith(basic), "This API does not take a user name and password (HTTP Basic authentication); it takes an "
                + "API token. Send 'Authorization: Bearer <token>': " + HOW);
    }

    @Test
    void anotherSchemeIsA401SayingOnlyBearerTokensAreTaken() throws Exception {
        assertUnauthorized(getWith("Digest username=\"admin\""), "The Authorization header does not hold a bearer token; this API takes "
                + "only API tokens. Send 'Authorization: Bearer <token>': " + HOW);
    }

    @Test
    void bearerWithoutATokenOrWithSomethingThatCannotBeOneIsToldSo() throws Exception {
        String none = "The Authorization header says Bearer but holds no token. Send 'Authorization: Bearer <token>' with the token after "
                + "one space: " + HOW;
        String malformed = "The bearer token cannot be one: send 'Authorization: Bearer <token>', one space after Bearer and then the "
                + "token exactly as it was given (letters, digits and - . _ ~ + /, no spaces or quotes): " + HOW;

        assertUnauthorized(getWith("Bearer"), none);
        assertUnauthorized(getWith("Bearer \"" + TOKEN + "\""), malformed);
        assertUnauthorized(getWith("Bearer " + TOKEN + " " + TOKEN), malformed);
        assertUnauthorized(getWith("Bearer" + TOKEN), malformed);
        assertUnauthorized(getWith("Bearer unknown-token"), "The bearer token is not valid (unknown, expired or revoked). Send "
                + "'Authorization: Bearer <token>' with an active API token.");
        assertThat(getWith("Bearer " + TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void twoAuthorizationHeadersAreRefusedEvenWhenOneHoldsAGoodToken() throws Exception {
        HttpResponse<String> goodThenBad = getWith("Bearer " + TOKEN, "Bearer unknown-token");
        HttpResponse<String> badThenGood = getWith("Basic YTpi", "Bearer " + TOKEN);

        for (HttpResponse<String> response : java.util.List.of(goodThenBad, badThenGood)) {
            assertProductProblem(response, 400);
            assertThat(field(response.body(), "detail")).isEqualTo("The request has 2 Authorization headers; send one: "
                    + "'Authorization: Bearer <token>'.");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"strata\", error=\"invalid_request\"");
        }
    }
}
