package io.strata.domain.segmentation;

import io.strata.domain.text.PlainText;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One segment of a general segmentation. {@code rank} orders segments by value, 1 being the least valuable;
 * {@code goal} is what planners want for its customers, usually "move to &lt;a more valuable segment&gt;".
 */
public record Segment(String key, String name, int rank, String description, String goal) {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]*");
    public static final int MAX_KEY_LENGTH = 63;
    public static final int MAX_GOAL_LENGTH = 500;

    public Segment {
        Objects.requireNonNull(key, "segment key");
        if (!KEY.matcher(key).matches() || key.length() > MAX_KEY_LENGTH) {
            throw new InvalidSegmentation("segment key '" + key + "' is not allowed; use lower-case letters, digits and _,"
                    + " starting with a letter (at most " + MAX_KEY_LENGTH + " characters), e.g. loyal_customers");
        }
        if (name == null || name.isBlank()) {
            throw new InvalidSegmentation("segment " + key + " needs a name");
        }
        if (rank < 1) {
            throw new InvalidSegmentation("segment " + key + " has rank " + rank + "; ranks start at 1 for the least valuable segment");
        }
        description = description == null ? "" : description;
        goal = goal == null ? "" : goal;
        for (String[] text : new String[][]{{"the name of segment " + key, name}, {"the description of segment " + key, description},
                {"the goal of segment " + key, goal}}) {
            PlainText.refusal(text[0], text[1]).ifPresent(why -> {
                throw new InvalidSegmentation(why);
            });
        }
        if (PlainText.longerThan(goal, MAX_GOAL_LENGTH)) {
            throw new InvalidSegmentation("the goal of segment " + key + " has " + PlainText.characters(goal) + " characters; at most "
                    + MAX_GOAL_LENGTH + " are allowed");
        }
    }

    public Segment withGoal(String newGoal) {
        return new Segment(key, name, rank, description, newGoal);
    }
}
