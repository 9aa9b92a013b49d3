package io.strata.bootstrap.security;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two people editing a segmentation in use on its console page: an edit of it makes a new version. Before session 52
 * the page's check covered the version edited, which stays as it is: B made version 2 from version 1, and A's save
 * from the same page of version 1 made a version 3 without B's goal. Now A's save is answered 409 with the form as A
 * typed it, a message naming B, the newest version as what is stored now and a link to it; nothing more is made.
 */
class SegmentationVersionsTogetherTest extends AdminConsoleTest {

    @Test
    void aSaveFromAVersionANewerOneWasMadeFromMeanwhileIsRefusedAndPointsToTheNewest() throws Exception {
        emptyDatabase();
        HttpResponse<String> created = postJsonAs(TOKEN, "/api/v1/segmentations", "{\"name\": \"Value\", \"template\": \"rfm-classic\"}");
        long first = Long.parseLong(field(created.body(), "id"));
        assertThat(postJsonAs(TOKEN, "/api/v1/segmentations/" + first + "/activate", "").statusCode()).isEqualTo(200);
        String planner = createUser("PLANNER", PASSWORD);
        ConsoleSession b = new ConsoleSession(port);
        b.logIn(planner, PASSWORD);

        String pageOfA = admin.get("/segmentations/" + first).body();
        String pageOfB = b.get("/segmentations/" + first).body();
        HttpResponse<String> byB = b.post("/segmentations/" + first + "/goals", "seen=" + seen(pageOfB) + "&goal.champions="
                + encoded("Keep them delighted"), b.csrfToken());
        assertThat(byB.statusCode()).isEqualTo(302);
        String location = byB.headers().firstValue("Location").orElseThrow();
        long second = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        assertThat(second).as("B's save made a new version").isNotEqualTo(first);

        HttpResponse<String> byA = admin.post("/segmentations/" + first + "/goals", "seen=" + seen(pageOfA) + "&goal.at_risk="
                + encoded("Win them back"), csrf);
        assertThat(byA.statusCode()).as(byA.body()).isEqualTo(409);
        assertThat(text(byA.body(), "edit-conflict-message")).startsWith("Segmentation " + first + " was changed after you read it: version 2"
                + " (segmentation " + second + ") was made from it, by " + planner + " at ")
                .endsWith(". Your changes were not saved, so as not to make a version without that change: open version 2 (segmentation "
                        + second + "), re-apply your changes to it, and save again.");
        assertThat(text(byA.body(), "stored-version")).isEqualTo("2 (segmentation " + second + ")");
        assertThat(text(byA.body(), "stored-goal-champions")).isEqualTo("Keep them delighted");
        assertThat(byA.body()).contains("id=\"newest-version\" href=\"/segmentations/" + second + "\"")
                .containsPattern("id=\"goal-at_risk\"[^>]*value=\"Win them back\"");
        assertThat(jdbc.sql("select count(*) from segmentations").query(Long.class).single()).as("no version 3 from A's stale page").isEqualTo(2);
        assertThat(jdbc.sql("select definition from segmentations where segmentation_id = ?").param(second).query(String.class).single())
                .contains("Keep them delighted").doesNotContain("Win them back");

        // A opens the newest version and re-applies there: both goals are kept
        String newest = admin.get("/segmentations/" + second).body();
        assertThat(admin.post("/segmentations/" + second + "/goals", "seen=" + seen(newest) + "&goal.at_risk=" + encoded("Win them back"), csrf)
                .statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("select definition from segmentations where segmentation_id = ?").param(second).query(String.class).single())
                .contains("Keep them delighted").contains("Win them back");
    }

    @Test
    void saveWithNothingChangedMakesNoVersionOfASegmentationInUse() throws Exception {
        emptyDatabase();
        HttpResponse<String> created = postJsonAs(TOKEN, "/api/v1/segmentations", "{\"name\": \"Value\", \"template\": \"rfm-classic\"}");
        long first = Long.parseLong(field(created.body(), "id"));
        assertThat(postJsonAs(TOKEN, "/api/v1/segmentations/" + first + "/activate", "").statusCode()).isEqualTo(200);
        String page = admin.get("/segmentations/" + first).body();
        // the form as the browser sends it: every field as shown
        StringBuilder form = new StringBuilder("seen=" + seen(page));
        Matcher input = Pattern.compile("<input[^>]*name=\"((?:name|goal\\.[a-z_]+))\"[^>]*value=\"([^\"]*)\"").matcher(page);
        while (input.find()) {
            form.append('&').append(input.group(1)).append('=').append(encoded(input.group(2).replace("&#39;", "'").replace("&amp;", "&")));
        }
        assertThat(form.toString()).contains("goal.champions=");

        HttpResponse<String> saved = admin.post("/segmentations/" + first + "/goals", form.toString(), csrf);

        // session 57's probe: "This definition is in use, so the change was saved as version 2, a new draft."
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(saved.headers().firstValue("Location")).hasValue("/segmentations/" + first);
        assertThat(admin.get("/segmentations/" + first).body()).contains("Nothing was changed, so nothing was saved.");
        assertThat(jdbc.sql("select count(*) from segmentations").query(Long.class).single()).as("no version 2").isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from audit_events where subject_type = 'segmentation' and action in ('CREATED', 'CHANGED')"
                + " and subject_id = ?").param(Long.toString(first)).query(Long.class).single()).isEqualTo(1);
        // a change is still saved as a new version
        HttpResponse<String> changed = admin.post("/segmentations/" + first + "/goals", form.toString().replaceFirst("goal\\.champions=[^&]*",
                "goal.champions=" + encoded("Keep them delighted")), csrf);
        assertThat(changed.headers().firstValue("Location").orElseThrow()).isNotEqualTo("/segmentations/" + first);
        assertThat(jdbc.sql("select count(*) from segmentations").query(Long.class).single()).isEqualTo(2);
    }

    private static String seen(String page) {
        Matcher seen = Pattern.compile("name=\"seen\" id=\"seen\" value=\"([A-Za-z0-9_-]+)\"").matcher(page);
        assertThat(seen.find()).as("the page's form carries what it showed").isTrue();
        return seen.group(1);
    }
}
