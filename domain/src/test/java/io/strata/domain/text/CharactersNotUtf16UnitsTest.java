package io.strata.domain.text;

import io.strata.domain.campaign.DestinationName;
import io.strata.domain.campaign.InvalidCampaign;
import io.strata.domain.rule.Operand;
import io.strata.domain.rule.Rule;
import io.strata.domain.rule.RuleSyntaxError;
import io.strata.domain.segmentation.InvalidSegmentation;
import io.strata.domain.segmentation.Segment;
import io.strata.domain.tactical.InvalidTacticalSegment;
import io.strata.domain.tactical.TacticalSegment;
import io.strata.domain.tactical.TacticalStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every bound given in characters counts Unicode characters (code points), as the documents and PostgreSQL's
 * {@code char_length} do: U+1F600 is one character, two Java chars. Until session 60 these bounds counted chars, so 101
 * emoji were refused as a "name of 1 to 200 characters" and a message told "has 402 characters" of 201. A text shown cut
 * is cut between characters, never inside a pair (a lone half is no text: PostgreSQL stores a '?', a page shows a box).
 */
class CharactersNotUtf16UnitsTest {

    /** U+1F600: one character, two chars. */
    private static final String EMOJI = Character.toString(0x1F600);

    private static String emoji(int count) {
        return EMOJI.repeat(count);
    }

    /** Whether the text holds half a pair somewhere: what a cut inside a pair leaves. */
    private static boolean holdsHalfACharacter(String text) {
        return PlainText.refusal("text", text).isPresent();
    }

    @Test
    void charactersAreCodePoints() {
        assertThat(PlainText.characters(emoji(3))).isEqualTo(3);
        assertThat(emoji(3)).hasSize(6);
        assertThat(PlainText.longerThan(emoji(200), 200)).isFalse();
        assertThat(PlainText.longerThan(emoji(201), 200)).isTrue();
        assertThat(PlainText.longerThan("a" + emoji(199), 200)).isFalse();
        assertThat(PlainText.longerThan("n".repeat(201), 200)).isTrue();
        assertThat(PlainText.longerThan("", 0)).isFalse();
        assertThat(PlainText.longerThan("x", 0)).isTrue();
    }

    @Test
    void aCutTextKeepsWholeCharactersAndIsWholeUpToTheBound() {
        assertThat(PlainText.cut(emoji(80), 80)).isEqualTo(emoji(80));
        assertThat(PlainText.cut("a" + emoji(80), 80)).isEqualTo("a" + emoji(79) + "…");
        assertThat(PlainText.echo("a" + emoji(100))).isEqualTo("a" + emoji(79) + "…").satisfies(shown -> assertThat(holdsHalfACharacter(shown)).isFalse());
        assertThat(PlainText.cut(null, 3)).isNull();
    }

    @Test
    void aRefusedDestinationNameIsQuotedWithoutHalfACharacter() {
        InvalidCampaign refused = catchThrowableOfType(InvalidCampaign.class, () -> DestinationName.check("a" + emoji(100), "name"));
        assertThat(refused.getMessage()).startsWith("name 'a" + emoji(79) + "…' is not a destination name");
        assertThat(holdsHalfACharacter(refused.getMessage())).isFalse();
    }

    @Test
    void aSegmentsGoalHas500Characters() {
        assertThat(new Segment("loyal", "Loyal", 1, "", emoji(500)).goal()).isEqualTo(emoji(500));
        assertThatThrownBy(() -> new Segment("loyal", "Loyal", 1, "", emoji(501))).isInstanceOf(InvalidSegmentation.class)
                .hasMessage("the goal of segment loyal has 501 characters; at most 500 are allowed");
    }

    @Test
    void aTacticalSegmentsRuleHas10000Characters() {
        String rule = "city = \"" + emoji(10_000 - 9) + "\"";
        assertThat(PlainText.characters(rule)).isEqualTo(10_000);
        assertThat(new TacticalSegment("Emoji", "at_risk", rule, null, TacticalStatus.ACTIVE).rule()).isEqualTo(rule);
        String longer = "city = \"" + emoji(10_000 - 8) + "\"";
        assertThatThrownBy(() -> new TacticalSegment("Emoji", "at_risk", longer, null, TacticalStatus.ACTIVE))
                .isInstanceOf(InvalidTacticalSegment.class).hasMessageContaining("the rule has 10001 characters; at most 10000 are allowed");
        // a name counted without its surrounding blanks, as the stored (stripped) name is
        assertThat(new TacticalSegment(" " + emoji(200) + " ", "at_risk", "frequency >= 1", emoji(2000), TacticalStatus.ACTIVE).name())
                .isEqualTo(emoji(200));
    }

    @Test
    void aRuleHas10000CharactersAndTheFirstOnePastIsShownWhole() {
        String rule = "city = \"" + emoji(10_000 - 9) + "\"";
        assertThat(Rule.parse(rule)).isNotNull();

        String longer = "city = \"" + emoji(10_000 - 8) + "\"";
        RuleSyntaxError refused = catchThrowableOfType(RuleSyntaxError.class, () -> Rule.parse(longer));
        assertThat(refused.getMessage()).contains("a rule has at most 10000 characters; this one has 10001");
        // the 10,001st character is the closing quote; before, the 10,001st char was an emoji's second half
        assertThat(refused.found()).isEqualTo("\"");
        assertThat(refused.column()).isEqualTo(10_001);
    }

    @Test
    void aFieldNameHas200Characters() {
        assertThat(Operand.Field.isValidName(emoji(200))).isTrue();
        assertThat(Operand.Field.isValidName(emoji(201))).isFalse();
        assertThat(Rule.parse("`" + emoji(200) + "` = \"x\"")).isNotNull();
    }

    @Test
    void aTokenQuotedInARuleErrorIsCutBetweenCharacters() {
        RuleSyntaxError refused = catchThrowableOfType(RuleSyntaxError.class, () -> Rule.parse("frequency >= 1 `" + emoji(60) + "`"));
        assertThat(holdsHalfACharacter(refused.getMessage())).as(refused.getMessage()).isFalse();
    }
}
