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
    void aConsoleAddressIsThePagesWords() throws Exception {
        HttpResponse<String> nul = send(HttpRequest.newBuilder(uri("/customers/a%00b")).GET().build());
        RawHttp.Response overlong = RawHttp.exchange(port, "GET /customers/" + "a".repeat(9000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");

        assertThat(nul.statusCode()).isEqualTo(400);
        assertThat(nul.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(nul.body()).contains("id=\"refused\"", "check the address and send it again").doesNotContain(SpringsWords.PHRASES);
        assertThat(overlong.status()).isEqualTo(414);
        assertThat(overlong.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(overlong.body()).contains("id=\"refused\"", "its address is longer than 8 KB").doesNotContain(SpringsWords.PHRASES);
    }

    /**
     * Each refusal Tomcat's HTTP parser makes before any servlet is told in its own words (session 48 gave one sentence for
     * all, about encoded slashes), and an API address whose request line Tomcat could not finish reading (too long, or a
     * character HTTP does not allow) still gets problem JSON: the valve reads the address's start from the received bytes.
     */
    @Test
    void eachRefusalOfTheHttpParserSaysWhatWasWrong() throws Exception {
        String host = "Host: localhost\r\n";
        assertRefused("GET /api/v1/audit?from=2026-01-01T00:00:00[Europe/Riga] HTTP/1.1\r\n" + host + "\r\n", 400,
                "its first line (method, address, HTTP version) holds a character HTTP does not allow there, such as a space, [, ], {, }, "
                + "| or a quote in the address; encode such characters as %XX (a space as %20) and send it again.");
        assertRefused("GET /api/v1/customers/" + "a".repeat(9000) + " HTTP/1.1\r\n" + host + "\r\n", 414,
                "its address is longer than 8 KB; shorten the address (fewer or shorter query parameters) and send it again.");
        assertRefused("GET /api/v1/segmentations HTTP/1.1\r\n" + host + "X-Big: " + "b".repeat(9000) + "\r\n\r\n", 431,
                "its address and headers together are longer than 8 KB; send fewer or shorter headers (cookies included)");
        assertRefused("GET /api/v1/segmentations HTTP/1.1\r\n" + host + "Bad Header: x\r\n\r\n", 400,
                "one of its header lines is not 'Name: value' as HTTP requires");
        assertRefused("GET /api/v1/segmentations HTTP/1.1\r\n\r\n", 400, "it has no Host header or more than one, a Content-Length");
        assertRefused("POST /api/v1/segmentations HTTP/1.1\r\n" + host + "Content-Length: abc\r\n\r\n{}", 400,
                "a Content-Length that is not a number or is given twice");
        assertRefused("GET /api/v1/segmentations HTTP/1.2\r\n" + host + "\r\n", 505,
                "The request asks for an HTTP version Strata does not speak; send it as HTTP/1.1.");
        assertRefused("POST /api/v1/segmentations HTTP/1.1\r\n" + host + "Transfer-Encoding: gzip\r\n\r\n", 501,
                "The request uses a Transfer-Encoding or method Strata does not take");
        assertRefused("POST /api/v1/segmentations HTTP/1.1\r\n" + host + "Expect: teapot\r\nContent-Length: 2\r\n\r\n{}", 417,
                "The request's Expect header asks for something other than 100-continue");
        assertRefused("GET http://localhost/api/v1/customers/a%2Fb HTTP/1.1\r\n" + host + "\r\n", 400,
                "its address holds an encoded slash, a NUL or a broken %-escape");
    }

    private void assertRefused(String request, int status, String words) throws Exception {
        RawHttp.Response response = RawHttp.exchange(port, request);

        String what = request.substring(0, Math.min(60, request.length()));
        assertThat(response.status()).as(what).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(what).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).as(what).contains("\"status\":" + status, words).doesNotContain(SpringsWords.PHRASES);
    }
}
