package io.strata.bootstrap.security;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Admins set frequency caps and webhook destinations on /admin/delivery; a refusal shows next to its field (422). */
class DeliverySettingsConsoleTest extends AdminConsoleTest {

    private static final String SECRET = "whsec_Y3JtLWVtYWlsLXNpZ25pbmcta2V5LTAxMjM0NTY3ODk=";

    @BeforeEach
    void emptied() {
        emptyDatabase();
    }

    @Test
    void aCapOfZeroIsRefusedAtItsFieldAndAValidCapIsListed() throws Exception {
        HttpResponse<String> zero = admin.post("/admin/delivery/caps", "channel=email&maxDeliveries=0&windowDays=7", csrf);
        assertThat(zero.statusCode()).isEqualTo(422);
        assertThat(zero.body()).contains("id=\"error-cap-maxDeliveries\"")
                // the field's label, not the API's field (session 57: "MaxDeliveries is 0")
                .contains("&#39;At most (deliveries)&#39; is 0; give 1 to 1000 deliveries per customer and window");
        assertThat(get("/api/v1/frequency-caps").body()).isEqualTo("[]");

        assertThat(admin.post("/admin/delivery/caps", "channel=sms&maxDeliveries=2&windowDays=7", csrf).statusCode()).isEqualTo(302);
        assertThat(admin.get("/admin/delivery").body()).contains("<td>sms</td><td>2</td><td>7</td>");
        assertThat(get("/api/v1/frequency-caps").body()).isEqualTo("[{\"channel\":\"sms\",\"maxDeliveries\":2,\"windowDays\":7}]");
    }

    @Test
    void aDestinationIsListedWithItsSecretHintOnlyAndATakenChannelIsRefused() throws Exception {
        HttpResponse<String> saved = admin.post("/admin/delivery/destinations", "name=crm-email&url=" + encoded("https://crm.example.com/hook")
                + "&secret=" + encoded(SECRET) + "&channels=email", csrf);
        assertThat(saved.statusCode()).isEqualTo(302);
        String page = admin.get("/admin/delivery").body();
        assertThat(page).contains("<td>crm-email</td><td>https://crm.example.com/hook</td>").contains("whsec_…ODk=")
                .doesNotContain("Y3JtLWVtYWlsLXNpZ25pbmcta2V5");

        HttpResponse<String> taken = admin.post("/admin/delivery/destinations", "name=other&url=" + encoded("https://other.example.com/hook")
                + "&secret=" + encoded(SECRET) + "&channels=sms&channels=email", csrf);
        assertThat(taken.statusCode()).isEqualTo(422);
        assertThat(taken.body()).contains("id=\"error-destination-channels\"")
                .contains("Channel email already goes to destination &#39;crm-email&#39; by default")
                .doesNotContain("Y3JtLWVtYWlsLXNpZ25pbmcta2V5");
        assertThat(get("/api/v1/destinations").body()).doesNotContain("\"other\"");
    }
}
