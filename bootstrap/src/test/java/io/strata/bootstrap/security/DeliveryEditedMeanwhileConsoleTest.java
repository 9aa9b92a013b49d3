package io.strata.bootstrap.security;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two admins on /admin/delivery at once (docs/console.md, "Two people editing the same thing"). Before session 52 the
 * page's forms carried no revision: admin A's save after admin B's replaced B's cap or destination without a word. Now
 * each form carries what the page showed; a save after B's change is answered 409 with the page, a message naming B and
 * when, and what is stored now; B's change is kept; A's second save, from the 409 page, is made knowingly.
 */
class DeliveryEditedMeanwhileConsoleTest extends AdminConsoleTest {

    private static final String SECRET = "whsec_Y3JtLWVtYWlsLXNpZ25pbmcta2V5LTAxMjM0NTY3ODk=";
    private static final String NOT_SAVED = ". Your changes were not saved, so as not to overwrite that change unseen: read it again, re-apply your"
            + " changes to what is stored now, and save again.";
    private static final Pattern MINUTE = Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC");

    private String colleague;
    private ConsoleSession b;
    private String csrfOfB;

    @BeforeEach
    void aSecondAdmin() throws Exception {
        emptyDatabase();
        colleague = createUser("ADMIN", PASSWORD);
        b = new ConsoleSession(port);
        b.logIn(colleague, PASSWORD);
        csrfOfB = b.csrfToken();
    }

    @Test
    void aCapChangedByAColleagueMeanwhileIsNotOverwrittenAndAnotherChannelsCapIsSaved() throws Exception {
        String pageOfA = admin.get("/admin/delivery").body();
        assertThat(b.post("/admin/delivery/caps", capForm("email", 3, 7, b.get("/admin/delivery").body()), csrfOfB).statusCode()).isEqualTo(302);

        HttpResponse<String> refused = admin.post("/admin/delivery/caps", capForm("email", 5, 14, pageOfA), csrf);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        String message = text(refused.body(), "edit-conflict-message");
        assertThat(message).startsWith("The frequency cap of channel email was changed after you read it, by " + colleague + " at ").endsWith(NOT_SAVED);
        assertThat(MINUTE.matcher(message).find()).as(message).isTrue();
        assertThat(text(refused.body(), "stored-now")).isEqualTo("At most 3 email deliveries per customer in 7 days.");
        assertThat(refused.body()).as("what A typed is kept").contains("name=\"maxDeliveries\"").containsPattern("id=\"cap-max\"[^>]*value=\"5\"")
                .containsPattern("id=\"cap-window\"[^>]*value=\"14\"");
        assertThat(get("/api/v1/frequency-caps").body()).as("B's cap is kept").isEqualTo("[{\"channel\":\"email\",\"maxDeliveries\":3,\"windowDays\":7}]");

        // the sms cap was not changed since A's page was shown: A's sms save from that page is made
        assertThat(admin.post("/admin/delivery/caps", capForm("sms", 2, 7, pageOfA), csrf).statusCode()).isEqualTo(302);

        // from the 409 page, which now carries what is stored, A's save is made knowingly
        assertThat(admin.post("/admin/delivery/caps", capForm("email", 5, 14, refused.body()), csrf).statusCode()).isEqualTo(302);
        assertThat(get("/api/v1/frequency-caps").body()).contains("{\"channel\":\"email\",\"maxDeliveries\":5,\"windowDays\":14}")
                .contains("{\"channel\":\"sms\",\"maxDeliveries\":2,\"windowDays\":7}");
    }

    @Test
    void aCapChangedMeanwhileIsNotLiftedUnseen() throws Exception {
        assertThat(admin.post("/admin/delivery/caps", "channel=email&maxDeliveries=3&windowDays=7", csrf).statusCode()).isEqualTo(302);
        String pageOfA = admin.get("/admin/delivery").body();
        assertThat(b.post("/admin/delivery/caps", capForm("email", 1, 30, b.get("/admin/delivery").body()), csrfOfB).statusCode()).isEqualTo(302);

        HttpResponse<String> refused = admin.post("/admin/delivery/caps/email/remove", "seen=" + liftSeen(pageOfA, "email"), csrf);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(text(refused.body(), "edit-conflict-message")).startsWith("The frequency cap of channel email was changed after you read it, by "
                + colleague + " at ");
        assertThat(text(refused.body(), "stored-now")).isEqualTo("At most 1 email deliveries per customer in 30 days.");
        assertThat(get("/api/v1/frequency-caps").body()).isEqualTo("[{\"channel\":\"email\",\"maxDeliveries\":1,\"windowDays\":30}]");

        assertThat(admin.post("/admin/delivery/caps/email/remove", "seen=" + liftSeen(refused.body(), "email"), csrf).statusCode()).isEqualTo(302);
        assertThat(get("/api/v1/frequency-caps").body()).isEqualTo("[]");
    }

    @Test
    void aDestinationChangedByAColleagueMeanwhileIsNeitherOverwrittenNorDeletedUnseen() throws Exception {
        assertThat(admin.post("/admin/delivery/destinations", "name=crm-email&url=" + encoded("https://crm.example.com/hook") + "&secret="
                + encoded(SECRET) + "&channels=email", csrf).statusCode()).isEqualTo(302);
        String pageOfA = admin.get("/admin/delivery").body();
        assertThat(b.post("/admin/delivery/destinations", destinationForm("crm-email", "https://crm.example.com/hook-v2", "email",
                b.get("/admin/delivery").body()), csrfOfB).statusCode()).isEqualTo(302);

        HttpResponse<String> refused = admin.post("/admin/delivery/destinations", destinationForm("crm-email", "https://crm.example.com/hook",
                "sms", pageOfA), csrf);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(text(refused.body(), "edit-conflict-message")).startsWith("Destination &#39;crm-email&#39; was changed after you read it, by "
                + colleague + " at ").endsWith(NOT_SAVED);
        assertThat(text(refused.body(), "stored-now")).isEqualTo("Destination &#39;crm-email&#39;: https://crm.example.com/hook-v2, secret"
                + " whsec_…ODk=, default for email.");
        assertThat(refused.body()).containsPattern("id=\"destination-url\"[^>]*value=\"https://crm.example.com/hook\"")
                .containsPattern("id=\"destination-channel-sms\"[^>]*checked").doesNotContain("Y3JtLWVtYWlsLXNpZ25pbmcta2V5");
        String stored = get("/api/v1/destinations/crm-email").body();
        assertThat(field(stored, "url")).as("B's URL is kept").isEqualTo("https://crm.example.com/hook-v2");
        assertThat(stored).contains("\"channels\":[\"email\"]");

        HttpResponse<String> deleted = admin.post("/admin/delivery/destinations/crm-email/delete", "seen=" + deleteSeen(pageOfA, "crm-email"), csrf);
        assertThat(deleted.statusCode()).as("deleting what the page showed, changed since").isEqualTo(409);
        assertThat(text(deleted.body(), "edit-conflict-message")).startsWith("Destination &#39;crm-email&#39; was changed after you read it, by "
                + colleague + " at ");
        assertThat(get("/api/v1/destinations/crm-email").statusCode()).isEqualTo(200);

        assertThat(admin.post("/admin/delivery/destinations", destinationForm("crm-email", "https://crm.example.com/hook", "sms", refused.body()),
                csrf).statusCode()).isEqualTo(302);
        stored = get("/api/v1/destinations/crm-email").body();
        assertThat(field(stored, "url")).isEqualTo("https://crm.example.com/hook");
        assertThat(stored).contains("\"channels\":[\"sms\"]");
    }

    @Test
    void aDestinationAddedByAColleagueUnderTheNameTypedIsNotOverwritten() throws Exception {
        String pageOfA = admin.get("/admin/delivery").body();
        assertThat(b.post("/admin/delivery/destinations", destinationForm("crm-sms", "https://sms.example.com/hook", "sms",
                b.get("/admin/delivery").body()) + "&secret=" + encoded(SECRET), csrfOfB).statusCode()).isEqualTo(302);

        // A's page listed no 'crm-sms': A meant to add one, not to change B's
        HttpResponse<String> refused = admin.post("/admin/delivery/destinations", destinationForm("crm-sms", "https://other.example.com/hook",
                "", pageOfA) + "&secret=" + encoded(SECRET), csrf);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(text(refused.body(), "edit-conflict-message")).startsWith("Destination &#39;crm-sms&#39; was changed after you read it, by "
                + colleague + " at ");
        assertThat(field(get("/api/v1/destinations/crm-sms").body(), "url")).isEqualTo("https://sms.example.com/hook");
    }

    private static String capForm(String channel, int max, int days, String page) {
        StringBuilder form = new StringBuilder("channel=" + channel + "&maxDeliveries=" + max + "&windowDays=" + days);
        Matcher seen = Pattern.compile("name=\"(seen\\.cap\\.[a-z_]+)\"[^>]*value=\"([A-Za-z0-9_-]+)\"").matcher(page);
        int found = 0;
        while (seen.find()) {
            form.append('&').append(seen.group(1)).append('=').append(seen.group(2));
            found++;
        }
        assertThat(found).as("the cap form carries each channel's cap as shown").isGreaterThan(1);
        return form.toString();
    }

    private static String destinationForm(String name, String url, String channel, String page) {
        StringBuilder form = new StringBuilder("name=" + encoded(name) + "&url=" + encoded(url) + (channel.isEmpty() ? "" : "&channels=" + channel));
        Matcher seen = Pattern.compile("name=\"(seen\\.destination[^\"]*)\"[^>]*value=\"([A-Za-z0-9_-]+)\"").matcher(page);
        while (seen.find()) {
            form.append('&').append(encoded(seen.group(1))).append('=').append(seen.group(2));
        }
        assertThat(form.toString()).as("the destination form says it listed the destinations").contains("seen.destinations=listed");
        return form.toString();
    }

    private static String liftSeen(String page, String channel) {
        return hiddenBefore(page, "remove-cap-" + channel);
    }

    private static String deleteSeen(String page, String name) {
        return hiddenBefore(page, "delete-destination-" + name);
    }

    /** The hidden {@code seen} of the small form whose button has this id. */
    private static String hiddenBefore(String page, String buttonId) {
        Matcher seen = Pattern.compile("name=\"seen\" value=\"([A-Za-z0-9_-]+)\">\\s*<button[^>]*id=\"" + Pattern.quote(buttonId) + "\"").matcher(page);
        assertThat(seen.find()).as("a hidden seen in the form of " + buttonId).isTrue();
        return seen.group(1);
    }
}
