package io.strata.adapters.web.console;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 18, item 7: the console says in the planner's words what the API says in its field names. */
class PlannerWordsTest {

    @Test
    void anActionIsCountedFromOneAndItsDiscountIsADiscount() {
        assertThat(PlannerWords.say("actions[1] is an offer and needs a discountPercent above 0 and at most 100, e.g. 15"))
                .isEqualTo("Action 2 is an offer and needs a discount above 0 and at most 100, e.g. 15");
        assertThat(PlannerWords.say("actions[0].discountPercent is 150"))
                .isEqualTo("Action 1's discount is 150");
        assertThat(PlannerWords.say("tacticalActions[2].action.channel 'fax' is not a channel"))
                .isEqualTo("Tactical action 3's channel 'fax' is not a channel");
    }

    @Test
    void theControlGroupAndTheWindowAreNamedAsOnTheForm() {
        assertThat(PlannerWords.say("controlGroupPercent is 60; give a share between 0 and 50 percent"))
                .isEqualTo("The control group share is 60; give a share between 0 and 50 percent");
        assertThat(PlannerWords.say("attributionWindowDays is 0")).isEqualTo("The attribution window is 0");
    }

    @Test
    void importModesAreModesNotQueryParameters() {
        assertThat(PlannerWords.say("3 of 10 rows are invalid; nothing was written. Fix them, or send mode=lenient to import the valid rows."))
                .isEqualTo("3 of 10 rows are invalid; nothing was written. Fix them, or choose lenient mode to import the valid rows.");
        assertThat(PlannerWords.say("mode 'loose' is unknown; use mode=strict or mode=lenient"))
                .isEqualTo("Mode 'loose' is unknown; choose strict or lenient mode");
    }

    @Test
    void aFieldNamedAfterAnArticleTakesNoSecondArticle() {
        // session 57's probe: the builder said "A tactical segment needs a the parent segment: …"
        assertThat(PlannerWords.say("a tactical segment needs a parentSegment: the key of the general segment it lies in, e.g. at_risk"))
                .isEqualTo("A tactical segment needs a parent segment: the key of the general segment it lies in, e.g. at_risk");
    }

    @Test
    void theRunDateIsTheFormsDateNotTheApisParameter() {
        // session 57's probe: the run form answered "AsOf 2099-01-01 is outside … leave asOf out to run as of today"
        assertThat(PlannerWords.say("asOf 2099-01-01 is outside the dates a run can be as of, 1900-01-01 to 2026-12-08 (a day past today); "
                + "leave asOf out to run as of today"))
                .isEqualTo("The run date 2099-01-01 is outside the dates a run can be as of, 1900-01-01 to 2026-12-08 (a day past today); "
                        + "leave the date empty to run as of today");
    }

    @Test
    void theDeliveryAndAccessPagesNameTheirFieldsByTheirLabels() {
        // session 57's probe: "MaxDeliveries is -1 …", "Url 'javascript:…' …", "'expiresAt' (2001-01-02T00:00:00Z) is not in the future"
        assertThat(PlannerWords.say("maxDeliveries is -1; give 1 to 1000 deliveries per customer and window"))
                .isEqualTo("'At most (deliveries)' is -1; give 1 to 1000 deliveries per customer and window");
        assertThat(PlannerWords.say("windowDays is 0; give a rolling window of 1 to 365 days")).isEqualTo("'Within (days)' is 0; give a rolling window of 1 to 365 days");
        assertThat(PlannerWords.say("url 'javascript:alert(1)' is not an https URL with a host"))
                .isEqualTo("The URL 'javascript:alert(1)' is not an https URL with a host");
        assertThat(PlannerWords.say("'expiresAt' (2001-01-02T00:00:00Z) is not in the future; leave it out for a token without end"))
                .isEqualTo("'Expires on' must be today or a later day; leave it empty for a token without end");
        assertThat(PlannerWords.say("Send it to the url of the hook")).as("only a message that begins with the field").isEqualTo("Send it to the url of the hook");
    }

    @Test
    void aMessageInProductWordsIsLeftAsItIs() {
        assertThat(PlannerWords.say("'password' must have at least 12 characters")).isEqualTo("'password' must have at least 12 characters");
        assertThat(PlannerWords.say("Saved.")).isEqualTo("Saved.");
        assertThat(PlannerWords.say(null)).isNull();
    }
}
