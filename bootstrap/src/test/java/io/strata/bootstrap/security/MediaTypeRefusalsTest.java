package io.strata.bootstrap.security;

import io.strata.bootstrap.EndToEndTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static io.strata.bootstrap.security.SpringsWords.assertProductProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body of a type the call does not take is a 415 naming the types it does take, an Accept it cannot answer a 406
 * naming what it answers. An import sent as {@code *}{@code /*} (or any wildcard) was parsed as NDJSON and answered
 * 422; the contract takes text/csv or application/x-ndjson and "anything else: 415" (black-box probe, session 47).
 */
class MediaTypeRefusalsTest extends EndToEndTest {

    @Test
    void anImportWithAWildcardContentTypeIsRefusedNamingTheTwoTypesAndWritesNothing() throws Exception {
        long importsBefore = jdbc.sql("select count(*) from imports").query(Long.class).single();
        for (String entity : new String[] {"customers", "orders", "events"}) {
            for (String type : new String[] {"*/*", "application/*", "text/*"}) {
                HttpResponse<String> response = post("/api/v1/imports/" + entity, type, "customer_id\nWILD-1\n");

                assertProductProblem(response, 415);
                assertThat(response.body()).as(entity + " as " + type).contains("Content-Type '" + type + "' is not supported for imports; "
                        + "send the file as text/csv (UTF-8, header row first) or application/x-ndjson (one JSON object per line)",
                        "\"supported\":[\"text/csv\",\"application/x-ndjson\"]");
            }
        }
        assertThat(jdbc.sql("select count(*) from imports").query(Long.class).single()).isEqualTo(importsBefore);
        assertThat(jdbc.sql("select count(*) from customers where customer_id = 'WILD-1'").query(Long.class).single()).isZero();
    }

    @Test
    void aJsonCallSentAnotherTypeOrAWildcardNamesJson() throws Exception {
        HttpResponse<String> text = post("/api/v1/tokens", "text/plain", "{\"name\":\"x\",\"role\":\"ADMIN\"}");
        HttpResponse<String> wildcard = post("/api/v1/segmentations", "*/*", "{\"name\":\"x\",\"template\":\"rfm-classic\"}");

        assertProductProblem(text, 415);
        assertThat(text.body()).contains("Content-Type 'text/plain' is not taken here; send the body as application/json",
                "\"supported\":[\"application/json\"]");
        assertProductProblem(wildcard, 415);
        assertThat(wildcard.body()).contains("Content-Type '*/*' names no type of body; send the body as application/json");
    }

    @Test
    void anAcceptTheCallCannotAnswerNamesWhatItAnswers() throws Exception {
        HttpResponse<String> csv = send(HttpRequest.newBuilder(uri("/api/v1/tokens")).header("Authorization", "Bearer " + TOKEN)
                .header("Accept", "text/csv").GET().build());

        assertProductProblem(csv, 406);
        assertThat(csv.body()).contains("This call answers application/json, which the Accept header does not allow; "
                + "send Accept: application/json or no Accept header.");
    }
}
