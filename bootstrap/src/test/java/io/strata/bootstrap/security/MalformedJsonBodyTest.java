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
        // the parser stopped at the list's end (column 16), not where the wrong value begins: no column then, the field says where
        assertThat(list.body()).contains("\"field\":\"asOf\"", "The value of asOf is of the wrong kind; give a date like 2030-01-31.")
                .doesNotContain("\"column\"", "\"line\"");
        assertProductProblem(notADate, 400);
        assertThat(notADate.body()).contains("\"field\":\"asOf\"", "asOf is '2026-13-45', which is not a date like 2030-01-31 at line 1, column 10;",
                "\"column\":10");
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

    /**
     * A value of the wrong kind is placed where it begins: Jackson's own column for a number out of range, or text where a
     * number belongs, was the end of the value (session 48's known gap: column 36 for a number starting at 25).
     */
    @Test
    void aWrongValueIsPlacedWhereItBegins() throws Exception {
        HttpResponse<String> outOfRange = post("/api/v1/campaigns", "application/json",
                "{\"name\": \"Odd\",\n \"attributionWindowDays\": 99999999999999999999}");
        HttpResponse<String> textForANumber = post("/api/v1/campaigns", "application/json",
                "{\"name\": \"Odd\",\n \"attributionWindowDays\": \"many\"}");

        assertProductProblem(outOfRange, 400);
        assertThat(outOfRange.body()).contains("\"field\":\"attributionWindowDays\"", "attributionWindowDays is out of range at line 2, column 27;",
                "\"line\":2", "\"column\":27");
        assertProductProblem(textForANumber, 400);
        assertThat(textForANumber.body()).contains("\"field\":\"attributionWindowDays\"", "attributionWindowDays is 'many', which is not a whole number",
                "at line 2, column 27;");
    }

    /** A field given twice was taken silently, the last one winning: a token asked for as ANALYST, then ADMIN, was an ADMIN's. */
    @Test
    void aFieldGivenTwiceIsRefusedAndNothingIsMade() throws Exception {
        HttpResponse<String> twice = post("/api/v1/tokens", "application/json", "{\"name\": \"twice\", \"role\": \"ANALYST\", \"role\": \"ADMIN\"}");
        HttpResponse<String> nested = post("/api/v1/campaigns", "application/json", "{\"name\": \"Twice\", \"objective\": \"o\", "
                + "\"targetSegment\": \"newcomers\", \"actions\": [{\"channel\": \"email\"}, {\"channel\": \"sms\", \"channel\": \"push\"}]}");

        assertProductProblem(twice, 400);
        assertThat(twice.body()).contains("\"field\":\"role\"", "role is given twice in one object (the second one ends at line 1, "
                + "column 43); give each field once.", "\"column\":43");
        assertThat(jdbc.sql("select count(*) from api_tokens where name = 'twice'").query(Long.class).single()).isZero();
        assertProductProblem(nested, 400);
        assertThat(nested.body()).contains("\"field\":\"actions[1].channel\"", "actions[1].channel is given twice in one object");
    }

    /** 10,000 levels of nesting stop the parser at its limit, which is no typo: it said "check the quotes, commas and brackets". */
    @Test
    void aBodyNestedTooDeeplySaysSo() throws Exception {
        HttpResponse<String> deep = post("/api/v1/segmentations", "application/json", "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000));

        assertProductProblem(deep, 400);
        assertThat(deep.body()).contains("The body is larger than any call of this API takes: objects and lists nested more than 500 "
                + "levels deep, a number of more than 1000 digits or a field name of more than 50000 characters; send the JSON object "
                + "the call documents (/v3/api-docs).").doesNotContain("check the quotes");
    }
}
