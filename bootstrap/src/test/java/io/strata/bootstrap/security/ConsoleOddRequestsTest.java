package io.strata.bootstrap.security;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static io.strata.bootstrap.segmentation.SegmentationApiTest.number;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests a browser never sends but a person can type or a tool can forge, over real HTTP with a session and CSRF:
 * each is answered by a console page in the product's words, never a 500 or a database's or Java's words (found by a
 * black-box probe of the running application, session 47).
 */
class ConsoleOddRequestsTest extends AdminConsoleTest {

    private static final String UNKNOWN_IMPORT = "00000000-0000-0000-0000-000000000000";

    @Test
    void theImportPagesOfAnUnknownImportAreNotFoundPages() throws Exception {
        for (String path : new String[] {"/imports/" + UNKNOWN_IMPORT, "/imports/" + UNKNOWN_IMPORT + "/errors",
                "/imports/" + UNKNOWN_IMPORT + "/errors.csv"}) {
            HttpResponse<String> page = admin.get(path);

            assertThat(page.statusCode()).as(path).isEqualTo(404);
            assertThat(page.body()).as(path).contains("id=\"not-found\"", "No import has the id " + UNKNOWN_IMPORT + ".");
        }
    }

    @Test
    void anUnknownCampaignIsANotFoundPageNotTheApisProblem() throws Exception {
        HttpResponse<String> page = admin.get("/campaigns/987654");

        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("id=\"not-found\"", "there is no campaign 987654").doesNotContain("/api/v1/campaigns");
    }

    @Test
    void aCampaignFormWithAnActionRowNoFormHasIsRefusedByName() throws Exception {
        for (String row : new String[] {"actions%5B300%5D.channel", "actions%5B-1%5D.channel", "tacticalActions%5B1000%5D.content",
                "actions%5B0%5D%5B1%5D"}) {
            HttpResponse<String> page = admin.post("/campaigns", "name=Odd&objective=o&targetSegment=newcomers&" + row + "=email", csrf);

            assertThat(page.statusCode()).as(row).isEqualTo(400);
            assertThat(page.body()).as(row).contains("id=\"refused\"", "which this page does not have; reload the page and fill it in again.")
                    .doesNotContain("InvalidProperty", "Exception");
        }
        HttpResponse<String> letters = admin.post("/campaigns", "name=Odd&objective=o&targetSegment=newcomers&actions%5Babc%5D.channel=email", csrf);
        assertThat(letters.statusCode()).isEqualTo(400);
        assertThat(letters.body()).contains("id=\"refused\"").doesNotContain("For input string");
        assertThat(get("/api/v1/campaigns").body()).doesNotContain("\"Odd\"");
    }

    @Test
    void aNulInASearchFindsNothingInsteadOfFailingInTheDatabase() throws Exception {
        long id = number(post("/api/v1/segmentations", "application/json", "{\"name\":\"Tiers\",\"template\":\"frequency-tiers\"}").body(), "id");
        assertThat(post("/api/v1/segmentations/" + id + "/activate", "application/json", "").statusCode()).isEqualTo(200);
        assertThat(post("/api/v1/imports/orders", "text/csv", "order_id,customer_id,ordered_at,amount\nNUL-1,NUL-C1,2026-01-05,10\n")
                .statusCode()).isEqualTo(200);
        assertThat(runAndAwaitFollowUps("{\"asOf\":\"2026-02-01\"}").statusCode()).isEqualTo(200);

        HttpResponse<String> customers = admin.get("/customers?q=NUL-C1%00");
        assertThat(customers.statusCode()).isEqualTo(302);
        HttpResponse<String> search = admin.get("/search?q=NUL-C1%00");
        assertThat(search.statusCode()).isEqualTo(200);
        assertThat(search.body()).doesNotContain("href=\"/customers/NUL-C1\"", "invalid byte sequence");
        assertThat(admin.get("/search?q=NUL-C1").body()).as("the same search without the NUL finds the customer")
                .contains("href=\"/customers/NUL-C1\"");
        for (String segment : new String[] {"/segments/newcomers?q=NUL-C1%00", "/segments/newcomers?q=NUL-C1%00&sort=monetary"}) {
            HttpResponse<String> page = admin.get(segment);
            assertThat(page.statusCode()).as(segment).isEqualTo(200);
            assertThat(page.body()).as(segment).doesNotContain("href=\"/customers/NUL-C1\"", "invalid byte sequence");
        }
        assertThat(admin.get("/segments/newcomers?q=NUL-C1").body()).as("the same search without the NUL finds the customer")
                .contains("href=\"/customers/NUL-C1\"");
    }
}
