package io.strata.bootstrap.security;

import io.strata.bootstrap.EndToEndTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static io.strata.bootstrap.security.SpringsWords.assertProductProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An id in the address or a parameter that cannot be what the call takes (letters for a number, a number past what
 * Java's long holds, a missing parameter) is a 400 problem naming the parameter and what it must be, never Spring's
 * "Failed to convert" or Java's type names (found by a black-box probe of the running application, session 47).
 */
class AddressAndParameterRefusalsTest extends EndToEndTest {

    private static final String PAST_LONG = "9223372036854775808";

    @Test
    void anIdThatIsNoNumberOrPastTheLargestIsRefusedByName() throws Exception {
        for (String path : new String[] {"/api/v1/segmentation-runs/abc", "/api/v1/segmentation-runs/abc/assignments",
                "/api/v1/segmentation-runs/" + PAST_LONG + "/predictions"}) {
            HttpResponse<String> response = get(path);

            assertProductProblem(response, 400);
            assertThat(response.body()).as(path).contains("\"parameter\":\"runId\"", "The runId in this address is '",
                    "', but it must be a whole number up to 9223372036854775807; check the address.");
        }
        HttpResponse<String> token = send(HttpRequest.newBuilder(uri("/api/v1/tokens/x1")).header("Authorization", "Bearer " + TOKEN)
                .DELETE().build());
        assertProductProblem(token, 400);
        assertThat(token.body()).contains("\"parameter\":\"tokenId\"", "The tokenId in this address is 'x1'");
    }

    @Test
    void anImportIdThatIsNoUuidSaysWhatOneLooksLike() throws Exception {
        HttpResponse<String> response = get("/api/v1/imports/not-an-id");

        assertProductProblem(response, 400);
        assertThat(response.body()).contains("\"parameter\":\"importId\"", "The importId in this address is 'not-an-id', but it must be an id like ");
    }

    @Test
    void aParameterOfTheWrongKindSaysWhatToGive() throws Exception {
        long runsBefore = jdbc.sql("select count(*) from segmentation_runs").query(Long.class).single();
        HttpResponse<String> wait = post("/api/v1/segmentation-runs?wait=maybe", "application/json", "{}");
        HttpResponse<String> days = get("/api/v1/calendar?days=" + PAST_LONG);
        HttpResponse<String> from = get("/api/v1/segmentation-runs/1/migration?from=yesterday");

        assertProductProblem(wait, 400);
        assertThat(wait.body()).contains("\"parameter\":\"wait\"", "The parameter wait is 'maybe'; give true or false.");
        assertProductProblem(days, 400);
        assertThat(days.body()).contains("\"parameter\":\"days\"", "give a whole number up to 2147483647.");
        assertProductProblem(from, 400);
        assertThat(from.body()).contains("\"parameter\":\"from\"", "The parameter from is 'yesterday'");
        assertThat(jdbc.sql("select count(*) from segmentation_runs").query(Long.class).single()).as("no run began").isEqualTo(runsBefore);
    }

    @Test
    void aMissingParameterIsNamedWithWhereToAddIt() throws Exception {
        HttpResponse<String> response = get("/api/v1/segmentation-runs/1/predictions/back-test");

        assertProductProblem(response, 400);
        assertThat(response.body()).contains("\"parameter\":\"holdoutWeeks\"", "This call needs the parameter holdoutWeeks; add ?holdoutWeeks=");
    }

    /**
     * ISO-8601 allows years of nine digits, which PostgreSQL's timestamps cannot hold: a token expiring in year +999999999
     * and an audit search from then were 500s ("timestamp out of range"), found by the session 49 sweep.
     */
    @Test
    void aMomentPastWhatTheDatabaseHoldsIsRefusedByName() throws Exception {
        long tokensBefore = jdbc.sql("select count(*) from api_tokens").query(Long.class).single();
        HttpResponse<String> token = post("/api/v1/tokens", "application/json",
                "{\"name\": \"far\", \"role\": \"ANALYST\", \"expiresAt\": \"+999999999-12-31T23:59:59Z\"}");
        HttpResponse<String> overTheYear = post("/api/v1/tokens", "application/json",
                "{\"name\": \"far\", \"role\": \"ANALYST\", \"expiresAt\": \"9999-12-31T23:59:59-18:00\"}");
        HttpResponse<String> from = get("/api/v1/audit?from=%2B999999999-12-31T23:59:59Z");
        HttpResponse<String> to = get("/api/v1/audit?to=-999999999-01-01");

        assertProductProblem(token, 400);
        assertThat(token.body()).contains("'expiresAt' must lie between 0001-01-01 and 9999-12-31 (UTC); got '+999999999-12-31T23:59:59Z'");
        assertProductProblem(overTheYear, 400);
        assertThat(overTheYear.body()).contains("'expiresAt' must lie between 0001-01-01 and 9999-12-31 (UTC)");
        assertProductProblem(from, 400);
        assertThat(from.body()).contains("'from' must lie between 0001-01-01 and 9999-12-31 (UTC)");
        assertProductProblem(to, 400);
        assertThat(to.body()).contains("'to' must lie between 0001-01-01 and 9999-12-31 (UTC)");
        assertThat(jdbc.sql("select count(*) from api_tokens").query(Long.class).single()).isEqualTo(tokensBefore);
    }
}
