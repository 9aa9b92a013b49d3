package io.strata.domain.tactical;

import io.strata.domain.rule.Rule;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A sub-group inside one general segment, defined by a rule, for experiments and targeting. Tactical segments may
 * overlap and change freely; their members are the parent's customers that match the rule, as of each run.
 */
public record TacticalSegment(String name, String parentSegment, String rule, String hypothesis, TacticalStatus status) {

    private static final Pattern SEGMENT_KEY = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    public TacticalSegment {
        Objects.requireNonNull(status, "status");
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new InvalidTacticalSegment("name", "a tactical segment needs a name of 1 to 200 characters");
        }
        name = name.strip();
        if (parentSegment == null || !SEGMENT_KEY.matcher(parentSegment).matches()) {
            throw new InvalidTacticalSegment("parentSegment", "parentSegment must be the key of a general segment, e.g. at_risk; got '" + parentSegment + "'");
        }
        if (rule == null || rule.isBlank()) {
            throw new InvalidTacticalSegment("rule", "a tactical segment needs a rule, e.g. device = \"smart_tv\"");
        }
        if (rule.length() > Rule.MAX_LENGTH) {
            throw new InvalidTacticalSegment("rule", "the rule has " + rule.length() + " characters; at most " + Rule.MAX_LENGTH + " are allowed");
        }
        hypothesis = hypothesis == null ? "" : hypothesis.strip();
        if (hypothesis.length() > 2000) {
            throw new InvalidTacticalSegment("hypothesis", "the hypothesis has more than 2000 characters");
        }
    }

    public TacticalSegment archived() {
        return new TacticalSegment(name, parentSegment, rule, hypothesis, TacticalStatus.ARCHIVED);
    }

    public boolean isActive() {
        return status == TacticalStatus.ACTIVE;
    }
}
