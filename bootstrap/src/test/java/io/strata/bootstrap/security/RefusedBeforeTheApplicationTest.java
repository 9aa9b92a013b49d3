package io.strata.bootstrap.security;

import io.strata.bootstrap.EndToEndTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static io.strata.bootstrap.security.SpringsWords.assertProductProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Addresses Tomcat refuses before the application sees them (an encoded slash, a NUL, a broken %-escape, an address
 * past 8 KB) are answered in the product's words, problem JSON under /api, instead of Tomcat's "HTTP Status 400 – Bad
 * Request" page (black-box probe, session 48).
 */
class RefusedBeforeTheApplicationTest extends EndToEndTest {

    @Test
    void anEncodedSlashNulOrBrokenEscapeInAnApiAddressIsAProblem() throws Exception {
        for (String path : new String[] {"/api/v1/customers/a%2Fb", "/api/v1/customers/a%00b"}) {
            HttpResponse<String> response = get(path);

            assertProductProblem(response, 400);
            assertThat(response.body()).as(path).contains("The request cannot be read: its address holds an encoded slash, a NUL or a broken %-escape");
        }
    }

    @Test
    void aConsoleAddressOrAnOverlongOneIsThePagesWords() throws Exception {
        HttpResponse<String> nul = send(HttpRequest.newBuilder(uri("/customers/a%00b")).GET().build());
        HttpResponse<String> overlong = get("/api/v1/customers/" + "a".repeat(9000));

        for (HttpResponse<String> response : java.util.List.of(nul, overlong)) {
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
            assertThat(response.body()).contains("id=\"refused\"", "check the address and send it again").doesNotContain(SpringsWords.PHRASES);
        }
    }
}
