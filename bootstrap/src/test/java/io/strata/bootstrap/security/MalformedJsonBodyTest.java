package io.strata.bootstrap.security;

import io.strata.bootstrap.EndToEndTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static io.strata.bootstrap.security.SpringsWords.assertProductProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JSON body the API cannot read is a 400 problem that says where (line and column as the parser found them, the
 * field's path) and what to send, never Spring's "Failed to read request" or Jackson's words (found by a black-box
 * probe of the running application, session 47).
 */
class MalformedJsonBodyTest extends EndToEndTest {

    @Test
    void jsonThatBreaksOffNamesTheLineAndColumnWhereItEnds() throws Exception {
        HttpResponse<String> response = post("/api/v1/segmentations", "application/json", "{\"name\": \"Tiers\",\n \"template\": ");

        assertProductProblem(response, 400);
        assertThat(response.body()).contains("\"title\":\"The body cannot be read\"", "\"line\":2", "\"column\":14",
                "The body is not valid JSON: it ends too early at line 2, column 14; close every string, object and list.");
    }

    @Test
    void anUnexpectedCharacterIsNamedWithItsPlace() throws Exception {
        HttpResponse<String> response = post("/api/v1/tokens", "application/json", "{\"name\": \"x\", role: \"ADMIN\"}");

        assertProductProblem(response, 400);
        assertThat(response.body()).contains("\"line\":1", "\"column\":15",
                "unexpected text at line 1, column 15; check the quotes, commas and brackets there.");
    }

    @Test
    void aValueOfTheWrongKindNamesTheFieldAndWhatToGive() throws Exception {
        HttpResponse<String> list = post("/api/v1/segmentation-runs", "application/json", "{\"asOf\": [2026]}");
        HttpResponse<String> notADate = post("/api/v1/segmentation-runs", "application/json", "{\"asOf\": \"2026-13-45\"}");
        HttpResponse<String> objectAsName = post("/api/v1/segmentations", "application/json", "{\"name\": {\"a\": 1}, \"template\": \"rfm-classic\"}");

        assertProductProblem(list, 400);
        assertThat(list.body()).contains("\"field\":\"asOf\"", "asOf has a value of the wrong kind at line 1, column 16; give a date like 2030-01-31.");
        assertProductProblem(notADate, 400);
        assertThat(notADate.body()).contains("\"field\":\"asOf\"", "asOf is '2026-13-45', which is not a date like 2030-01-31");
        assertProductProblem(objectAsName, 400);
        assertThat(objectAsName.body()).contains("\"field\":\"name\"", "give text in quotes.");
        assertThat(jdbc.sql("select count(*) from segmentations where name = '{\"a\": 1}'").query(Long.class).single()).isZero();
    }

    @Test
    void aFieldInsideAListIsNamedByItsPath() throws Exception {
        HttpResponse<String> response = post("/api/v1/campaigns", "application/json",
                "{\"name\": \"Odd\", \"objective\": \"o\", \"targetSegment\": \"newcomers\", \"actions\": [{\"channel\": \"email\"}, {\"channel\": ");

        assertProductProblem(response, 400);
        assertThat(response.body()).contains("\"field\":\"actions[1]\"", "it ends too early");
    }

    @Test
    void anEmptyBodyOrOneOfTheWrongShapeSaysWhatToSend() throws Exception {
        HttpResponse<String> empty = post("/api/v1/tactical-segments", "application/json", "");
        HttpResponse<String> array = post("/api/v1/segmentation-runs", "application/json", "[]");

        assertProductProblem(empty, 400);
        assertThat(empty.body()).contains("The request has no body; send a JSON object with Content-Type: application/json.");
        assertProductProblem(array, 400);
        assertThat(array.body()).contains("The body is not what this call takes at line 1, column 1; send a JSON object {...}.");
    }
}
