package io.strata.bootstrap.security;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static io.strata.bootstrap.security.SpringsWords.assertProductProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An address the API does not have is a 404 problem and a method an address does not take a 405 with Allow, whether
 * the authorization table (which denies what it does not list) or Spring MVC finds it out first. Before, the first was
 * a 403 telling the caller to ask for a better role, the second Spring's "No static resource" or "Method 'X' is not
 * supported". A role's limit stays a 403, and no token stays a 401.
 */
class UnknownCallsTest extends AdminApi {

    @Test
    void anAddressNoRuleNamesIsNotFound() throws Exception {
        HttpResponse<String> response = get("/api/v1/nope");

        assertProductProblem(response, 404);
        assertThat(response.body()).contains("There is no call /api/v1/nope in the API; check the address (GET /v3/api-docs lists every call).")
                .doesNotContain("role");
    }

    @Test
    void anAddressBelowARuleButWithoutACallIsNotFoundInTheProductsWords() throws Exception {
        HttpResponse<String> response = get("/api/v1/customers/a/b/c");

        assertProductProblem(response, 404);
        assertThat(response.body()).contains("There is no call /api/v1/customers/a/b/c in the API", "\"fix\":\"GET /v3/api-docs");
    }

    @Test
    void aMethodTheAddressDoesNotTakeIsA405WithTheMethodsItTakes() throws Exception {
        HttpResponse<String> unlisted = call("PUT", "/api/v1/segmentation-runs/1", TOKEN, null, null);
        HttpResponse<String> unmapped = call("DELETE", "/api/v1/segmentations/1", TOKEN, null, null);

        assertProductProblem(unlisted, 405);
        assertThat(unlisted.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(unlisted.body()).contains("PUT is not taken by /api/v1/segmentation-runs/1; it takes GET");
        assertProductProblem(unmapped, 405);
        assertThat(unmapped.headers().firstValue("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET", "PUT"));
        assertThat(unmapped.body()).contains("DELETE is not a method of /api/v1/segmentations/1; it takes GET, PUT");
    }

    @Test
    void aRolesLimitIsStillA403AndNoTokenStillA401() throws Exception {
        String analyst = issueToken("ANALYST");

        HttpResponse<String> limited = postJsonAs(analyst, "/api/v1/segmentations", "{\"name\":\"x\",\"template\":\"rfm-classic\"}");
        HttpResponse<String> anonymous = getAs(null, "/api/v1/nope");

        assertThat(limited.statusCode()).isEqualTo(403);
        assertThat(limited.body()).contains("Your token's role may not make this call");
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void headIsDecidedAsGetIsAndAnswersWithoutTheBody() throws Exception {
        String analyst = issueToken("ANALYST");

        HttpResponse<String> head = call("HEAD", "/api/v1/campaigns", TOKEN, null, null);
        HttpResponse<String> analystsHead = call("HEAD", "/api/v1/campaigns", analyst, null, null);
        HttpResponse<String> beyondTheRole = call("HEAD", "/api/v1/users", analyst, null, null);
        HttpResponse<String> anonymous = call("HEAD", "/api/v1/campaigns", null, null, null);
        HttpResponse<String> unknown = call("HEAD", "/api/v1/nope", TOKEN, null, null);

        // as GET: 200 for whoever may GET, 403 for a role GET refuses, 401 without a token, 404 for no call; never a body
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(head.body()).isEmpty();
        assertThat(analystsHead.statusCode()).isEqualTo(200);
        assertThat(beyondTheRole.statusCode()).isEqualTo(403);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(404);
    }
}
