package io.strata.bootstrap.security;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's upload refuses a file meant for another endpoint, or saved with semicolons, with the API's message. */
class ImportUploadHintsTest extends AdminApi {

    private static final String PASSWORD = "sound harbour lantern";

    private String reportAfterUpload(ConsoleSession planner, String entity, String file) throws Exception {
        HttpResponse<String> upload = planner.postMultipart("/imports", planner.csrfToken(), "entity", entity, "mode", "lenient", "file", file);
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(302);
        return planner.get(upload.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "")).body();
    }

    @Test
    void anOrdersFileUploadedAsCustomersShowsWhereItBelongs() throws Exception {
        ConsoleSession planner = new ConsoleSession(port);
        planner.logIn(createUser("PLANNER", PASSWORD), PASSWORD);

        String report = reportAfterUpload(planner, "customers", "order_id,customer_id,ordered_at,amount\nhint-O1,hint-C1,2024-03-01,10\n");

        assertThat(report).contains("this header looks like an orders file (order_id, ordered_at, amount): import it as orders")
                .doesNotContain("/api/v1/imports/orders");
        assertThat(jdbc.sql("select count(*) from customers where customer_id = 'hint-C1'").query(Long.class).single()).isZero();
    }

    @Test
    void aSemicolonFileShowsTheDelimiterHint() throws Exception {
        ConsoleSession planner = new ConsoleSession(port);
        planner.logIn(createUser("PLANNER", PASSWORD), PASSWORD);

        String report = reportAfterUpload(planner, "customers", "customer_id;email\nhint-C2;a@b.example\n");

        assertThat(report).contains("the header is one column &#39;customer_id;email&#39;: Strata reads comma-separated values");
    }
}
