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

    /**
     * An Accept header that does not parse is a 400 saying so; an error answered to such a request keeps its body. Both
     * answers were empty: Spring drops an error's body when it cannot read Accept (session 48's known gap).
     */
    @Test
    void anUnreadableAcceptIsABadRequestAndNoAnswerIsEmpty() throws Exception {
        for (String accept : new String[] {"foo", "text/html;q=bogus", "application/json;q=2"}) {
            HttpResponse<String> list = send(HttpRequest.newBuilder(uri("/api/v1/tokens")).header("Authorization", "Bearer " + TOKEN)
                    .header("Accept", accept).GET().build());
            HttpResponse<String> wrongId = send(HttpRequest.newBuilder(uri("/api/v1/segmentation-runs/abc"))
                    .header("Authorization", "Bearer " + TOKEN).header("Accept", accept).GET().build());

            assertProductProblem(list, 400);
            assertThat(list.body()).as(accept).contains("The Accept header '" + accept + "' cannot be read: each entry must be a "
                    + "type/subtype such as application/json, optionally followed by ;q= and a weight from 0 to 1; send no Accept header, "
                    + "or the type the call answers (application/json; text/csv or application/x-ndjson for downloads; "
                    + "GET /v3/api-docs lists every call with its parameters).", "\"header\":\"Accept\"");
            assertProductProblem(wrongId, 400);
            assertThat(wrongId.body()).as(accept).contains("The runId in this address is 'abc', but it must be a whole number");
        }
    }

    /** A Content-Type Spring cannot parse (an unknown charset) was a 415 saying "Could not parse Content-Type." */
    @Test
    void aContentTypeThatCannotBeReadSaysWhatToSend() throws Exception {
        for (String type : new String[] {"application/json; charset=foo", "application/json; charset=\""}) {
            HttpResponse<String> response = post("/api/v1/tokens", type, "{\"name\":\"x\",\"role\":\"ADMIN\"}");

            assertProductProblem(response, 415);
            assertThat(response.body()).as(type).contains("cannot be read: it must be a type/subtype such as application/json, "
                    + "with a charset Java knows (such as UTF-8) if it names one; send the body as application/json with that Content-Type.");
        }
        assertThat(jdbc.sql("select count(*) from api_tokens where name = 'x'").query(Long.class).single()).isZero();
    }

    /**
     * A compressed body is a 415 naming Content-Encoding: Strata decodes none, and a gzipped JSON body was "not valid JSON
     * at line 1, column 2", a gzipped CSV import "bytes that are not UTF-8" (session 49 sweep).
     */
    @Test
    void aCompressedBodyIsRefusedNamingTheEncoding() throws Exception {
        long importsBefore = jdbc.sql("select count(*) from imports").query(Long.class).single();
        HttpResponse<String> json = send(HttpRequest.newBuilder(uri("/api/v1/segmentations")).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(gzip("{\"name\":\"Zipped\",\"template\":\"rfm-classic\"}"))).build());
        HttpResponse<String> csv = send(HttpRequest.newBuilder(uri("/api/v1/imports/customers")).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "text/csv").header("Content-Encoding", "identity, br")
                .POST(HttpRequest.BodyPublishers.ofString("customer_id\nZIP-1\n")).build());
        HttpResponse<String> plain = send(HttpRequest.newBuilder(uri("/api/v1/imports/customers")).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "text/csv").header("Content-Encoding", "identity")
                .POST(HttpRequest.BodyPublishers.ofString("customer_id\nZIP-2\n")).build());

        assertProductProblem(json, 415);
        assertThat(json.body()).contains("The body is sent with Content-Encoding 'gzip', which Strata does not decode; send it uncompressed, "
                + "without a Content-Encoding header.", "\"header\":\"Content-Encoding\"");
        assertProductProblem(csv, 415);
        assertThat(csv.body()).contains("Content-Encoding 'identity, br'");
        assertThat(plain.statusCode()).as(plain.body()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from imports").query(Long.class).single()).isEqualTo(importsBefore + 1);
        assertThat(jdbc.sql("select count(*) from segmentations where name = 'Zipped'").query(Long.class).single()).isZero();
    }

    private static byte[] gzip(String text) throws java.io.IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(bytes)) {
            out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
