package io.strata.domain.tactical;

import io.strata.domain.text.PlainText;

import io.strata.domain.rule.Rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A sub-group inside one general segment, defined by a rule, for experiments and targeting. Tactical segments may
 * overlap and change freely; their members are the parent's customers that match the rule, as of each run.
 */
public record TacticalSegment(String name, String parentSegment, String rule, String hypothesis, TacticalStatus status) {

    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_HYPOTHESIS_LENGTH = 2000;
    private static final Pattern SEGMENT_KEY = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    public TacticalSegment {
        Objects.requireNonNull(status, "status");
        // every wrong field is reported at once, so a form can mark them all in one answer
        List<InvalidTacticalSegment.Problem> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add(new InvalidTacticalSegment.Problem("name", "a tactical segment needs a name of 1 to " + MAX_NAME_LENGTH + " characters"));
        } else {
            name = name.strip();
            String stripped = name;
            PlainText.tooLong("the name", stripped, MAX_NAME_LENGTH).or(() -> PlainText.refusal("the name", stripped))
                    .ifPresent(why -> problems.add(new InvalidTacticalSegment.Problem("name", why)));
        }
        if (parentSegment == null || parentSegment.isBlank()) {
            // "got 'null'" was said of a body without parentSegment (session 51, probed with curl)
            problems.add(new InvalidTacticalSegment.Problem("parentSegment",
                    "a tactical segment needs a parentSegment: the key of the general segment it lies in, e.g. at_risk"));
        } else if (!SEGMENT_KEY.matcher(parentSegment).matches()) {
            problems.add(new InvalidTacticalSegment.Problem("parentSegment",
                    "parentSegment must be the key of a general segment, e.g. at_risk; got '" + PlainText.echo(parentSegment) + "'"));
        }
        if (rule == null || rule.isBlank()) {
            problems.add(new InvalidTacticalSegment.Problem("rule", "a tactical segment needs a rule, e.g. device = \"smart_tv\""));
        } else if (PlainText.longerThan(rule, Rule.MAX_LENGTH)) {
            problems.add(new InvalidTacticalSegment.Problem("rule",
                    "the rule has " + PlainText.characters(rule) + " characters; at most " + Rule.MAX_LENGTH + " are allowed"));
        }
        hypothesis = hypothesis == null ? "" : hypothesis.strip();
        PlainText.tooLong("the hypothesis", hypothesis, MAX_HYPOTHESIS_LENGTH)
                .ifPresent(why -> problems.add(new InvalidTacticalSegment.Problem("hypothesis", why)));
        PlainText.refusal("the hypothesis", hypothesis).ifPresent(why -> problems.add(new InvalidTacticalSegment.Problem("hypothesis", why)));
        if (!problems.isEmpty()) {
            throw new InvalidTacticalSegment(problems);
        }
    }

    public TacticalSegment archived() {
        return new TacticalSegment(name, parentSegment, rule, hypothesis, TacticalStatus.ARCHIVED);
    }

    public boolean isActive() {
        return status == TacticalStatus.ACTIVE;
    }
}
