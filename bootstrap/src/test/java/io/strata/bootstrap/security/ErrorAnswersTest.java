package io.strata.bootstrap.security;

import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static io.strata.bootstrap.security.SpringsWords.assertConsolePage;
import static io.strata.bootstrap.security.SpringsWords.assertProductProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What reaches /error (refusals made outside any controller, and /error itself called directly) is answered by the
 * product: problem JSON for the API, the console's page otherwise. Spring Boot's error controller answered a direct
 * GET /error with a 500, and the rest with its own JSON or "Whitelabel" page (black-box probe, session 47).
 */
class ErrorAnswersTest extends AdminConsoleTest {

    @Test
    void errorCalledDirectlyIsNotFoundNotA500() throws Exception {
        HttpResponse<String> json = send(HttpRequest.newBuilder(uri("/error")).GET().build());
        HttpResponse<String> html = send(HttpRequest.newBuilder(uri("/error")).header("Accept", "text/html").GET().build());

        assertProductProblem(json, 404);
        assertThat(json.body()).contains("There is no call /error");
        assertConsolePage(html, 404, "not-found");
        assertThat(html.body()).contains("There is no page /error; the menu above leads to every page.");
    }

    @Test
    void aMethodNoServletTakesIsA405Problem() throws Exception {
        HttpResponse<String> response = call("TRACE", "/api/v1/segmentations", TOKEN, null, null);

        assertProductProblem(response, 405);
        assertThat(response.body()).contains("/api/v1/segmentations does not take this method");
    }

    @Test
    void anAddressTheFirewallRefusesIsA400InTheProductsWords() throws Exception {
        HttpResponse<String> api = getAs(TOKEN, "/api/v1/customers/..;x");
        HttpResponse<String> page = admin.get("/customers/..;x");

        assertProductProblem(api, 400);
        assertThat(api.body()).contains("The address cannot be read: it holds a sequence Strata refuses");
        assertConsolePage(page, 400, "refused");
    }

    @Test
    void anUnknownConsolePageIsTheNotFoundPageNotTheApisProblem() throws Exception {
        HttpResponse<String> page = admin.get("/no-such-page");

        assertConsolePage(page, 404, "not-found");
        assertThat(page.body()).contains("There is no page /no-such-page; the menu above leads to every page.");
    }

    @Test
    void aFormWithoutItsSecurityTokenSaysToReloadThePage() throws Exception {
        HttpResponse<String> page = admin.post("/campaigns", "name=x&targetSegment=x", "not-the-token");

        assertConsolePage(page, 403, "refused");
        assertThat(page.body()).contains("The form was sent without a valid security token");
        assertThat(get("/api/v1/campaigns").body()).doesNotContain("\"name\":\"x\"");
    }

    @Test
    void aMethodAConsolePageDoesNotTakeIsItsRefusedPage() throws Exception {
        HttpResponse<String> page = admin.post("/calendar", "days=7", admin.csrfToken());

        assertConsolePage(page, 405, "refused");
        assertThat(page.body()).contains("/calendar does not take this method; open the page from the menu and use its buttons.");
    }

    /** A multipart body without a boundary, or one that breaks off, failed in Spring's reading of it before any controller: a 500. */
    @Test
    void aMultipartBodyThatCannotBeReadIsA400InTheProductsWords() throws Exception {
        String broken = "--xyz\r\nContent-Disposition: form-data; name=\"entity\"\r\n\r\ncustomers\r\n--xyz\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\nContent-Type: text/csv\r\n\r\ncustomer_id\nQ1\n";
        for (String type : new String[] {"multipart/form-data", "multipart/form-data; boundary=xyz"}) {
            HttpResponse<String> api = call("POST", "/api/v1/segmentations", TOKEN, type, broken);
            HttpResponse<String> page = admin.postRaw("/imports", type, broken, csrf);

            assertProductProblem(api, 400);
            assertThat(api.body()).as(type).contains("The body is sent as multipart/form-data, which no call of the API takes");
            assertConsolePage(page, 400, "refused");
            assertThat(page.body()).as(type).contains("The upload cannot be read: the form&#39;s data has no boundary or breaks off before its end; "
                    + "open the import page again, choose the file and send the form.");
        }
        assertThat(jdbc.sql("select count(*) from customers where customer_id = 'Q1'").query(Long.class).single()).isZero();
    }

    /**
     * Parameters Tomcat cannot read (more than 1,000, a broken %-escape in a form) were told as an address holding "..;" or
     * "//", words for another refusal.
     */
    @Test
    void parametersThatCannotBeReadAreToldAsSuch() throws Exception {
        String many = java.util.stream.IntStream.range(0, 1_500).mapToObj(i -> "p" + i + "=1").collect(java.util.stream.Collectors.joining("&"));
        HttpResponse<String> api = call("POST", "/api/v1/segmentations", TOKEN, "application/x-www-form-urlencoded", many);
        RawHttp.Response escape = RawHttp.send(port, "GET", "/api/v1/tokens?name=%zz", "localhost", null, "Authorization", "Bearer " + TOKEN);
        HttpResponse<String> page = admin.post("/segmentations", many, csrf);

        String words = "The parameters of the address or form cannot be read: one holds a broken %-escape (a % must be followed by two "
                + "hexadecimal digits), or there are more than 1,000 of them";
        assertProductProblem(api, 400);
        assertThat(api.body()).contains(words).doesNotContain("..;");
        assertThat(escape.status()).isEqualTo(400);
        assertThat(escape.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(escape.body()).contains(words).doesNotContain("..;").doesNotContain(SpringsWords.PHRASES);
        assertConsolePage(page, 400, "refused");
        assertThat(page.body()).contains("The parameters of the address or form cannot be read");
    }

    /** A console form sent compressed is the refused page naming Content-Encoding (the API's answer: MediaTypeRefusalsTest). */
    @Test
    void aCompressedFormIsTheRefusedPageNamingTheEncoding() throws Exception {
        HttpResponse<String> page = admin.postRaw("/segmentations", "application/x-www-form-urlencoded", "template=rfm-classic&name=Zipped", csrf,
                "Content-Encoding", "gzip");

        assertConsolePage(page, 415, "refused");
        assertThat(page.body()).contains("The body is sent with Content-Encoding &#39;gzip&#39;, which Strata does not decode");
        assertThat(get("/api/v1/segmentations").body()).doesNotContain("Zipped");
    }
}
