package io.strata.bootstrap.security;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A console form answered with a page rather than a redirect (its errors, 422; a conflict, 409; "Add an action") names
 * the page it was sent from, for strata.js to put in the address bar instead of the POST's address (session 58: the
 * address bar showed {@code /campaigns} after a refused draft, and a reload sent the form again). Oracles: the meta tag
 * the layout writes, with the {@code Referer}'s path and query only; none for a page asked for, a request htmx sends, or
 * a Referer that names no page of the console.
 */
class FormAnswerAddressConsoleTest extends AdminApi {

    private static final String PASSWORD = "granite orchard lantern";
    private static final String REFUSED_DRAFT = "name=Too+big&targetSegment=newcomers&actions%5B0%5D.channel=email&actions%5B0%5D.content=Hi"
            + "&controlGroupPercent=150&intent=save";

    @Test
    void aRefusedFormNamesThePageItWasSentFromByPathAndQueryOnly() throws Exception {
        ConsoleSession planner = loggedIn();
        String csrf = planner.csrfToken();

        HttpResponse<String> refused = planner.postRaw("/campaigns", "application/x-www-form-urlencoded", REFUSED_DRAFT, csrf,
                "Referer", "http://localhost:" + port + "/campaigns/new?segment=newcomers");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.body()).contains("<meta name=\"strata-address\" content=\"/campaigns/new?segment=newcomers\">");

        HttpResponse<String> added = planner.postRaw("/campaigns", "application/x-www-form-urlencoded",
                REFUSED_DRAFT.replace("intent=save", "intent=add-action"), csrf, "Referer", "http://localhost:" + port + "/campaigns/new");
        assertThat(added.statusCode()).as("Add an action: the form again").isEqualTo(200);
        assertThat(added.body()).contains("<meta name=\"strata-address\" content=\"/campaigns/new\">");

        HttpResponse<String> otherHost = planner.postRaw("/campaigns", "application/x-www-form-urlencoded", REFUSED_DRAFT, csrf,
                "Referer", "https://elsewhere.example/campaigns/new");
        assertThat(otherHost.body()).as("a path, never a host").contains("<meta name=\"strata-address\" content=\"/campaigns/new\">")
                .doesNotContain("elsewhere.example");
        HttpResponse<String> protocolRelative = planner.postRaw("/campaigns", "application/x-www-form-urlencoded", REFUSED_DRAFT, csrf,
                "Referer", "//elsewhere.example/campaigns/new");
        assertThat(protocolRelative.body()).contains("<meta name=\"strata-address\" content=\"/campaigns/new\">").doesNotContain("elsewhere.example");
    }

    @Test
    void noAddressIsNamedForAPageAskedForAnHtmxRequestOrARefererThatNamesNoPage() throws Exception {
        ConsoleSession planner = loggedIn();
        String csrf = planner.csrfToken();

        assertThat(planner.get("/campaigns/new").body()).doesNotContain("strata-address");
        for (String referer : java.util.List.of("http://localhost:" + port, "http://localhost:" + port + "/login?error", "not a url at all")) {
            HttpResponse<String> refused = planner.postRaw("/campaigns", "application/x-www-form-urlencoded", REFUSED_DRAFT, csrf, "Referer", referer);
            assertThat(refused.statusCode()).isEqualTo(422);
            assertThat(refused.body()).as(referer).doesNotContain("strata-address");
        }
        HttpResponse<String> check = planner.postRaw("/tactical-segments/check", "application/x-www-form-urlencoded",
                "rule=frequency&parentSegment=newcomers", csrf, "HX-Request", "true", "Referer", "http://localhost:" + port + "/tactical-segments/new");
        assertThat(check.body()).doesNotContain("strata-address");
    }

    private ConsoleSession loggedIn() throws Exception {
        String name = createUser("PLANNER", PASSWORD);
        ConsoleSession session = new ConsoleSession(port);
        session.logIn(name, PASSWORD);
        return session;
    }
}
