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
    /** As a segmentation's, a campaign's or a tactical segment's name: a label a list, a chart's legend and a CSV show whole. */
    public static final int MAX_NAME_LENGTH = 200;
    /** As a tactical segment's hypothesis: a few sentences saying who is in the segment, shown under its name. */
    public static final int MAX_DESCRIPTION_LENGTH = 2000;
    /** As a campaign's objective: one or two sentences, what planners want for the segment's customers. */
    public static final int MAX_GOAL_LENGTH = 500;

    public Segment {
        Objects.requireNonNull(key, "segment key");
        if (!KEY.matcher(key).matches() || key.length() > MAX_KEY_LENGTH) {
            throw new InvalidSegmentation("segment key '" + key + "' is not allowed; use lower-case letters, digits and _,"
                    + " starting with a letter (at most " + MAX_KEY_LENGTH + " characters), e.g. loyal_customers");
        }
        if (name == null || name.isBlank()) {
            throw new InvalidSegmentation(field(key, "name"), "segment " + key + " needs a name");
        }
        if (rank < 1) {
            throw new InvalidSegmentation("segment " + key + " has rank " + rank + "; ranks start at 1 for the least valuable segment");
        }
        description = description == null ? "" : description;
        goal = goal == null ? "" : goal;
        // the bound first: a megabyte is refused by its length, not by a control character somewhere in it
        Object[][] texts = {{"name", name, MAX_NAME_LENGTH}, {"description", description, MAX_DESCRIPTION_LENGTH}, {"goal", goal, MAX_GOAL_LENGTH}};
        for (Object[] text : texts) {
            String part = (String) text[0];
            String words = "the " + part + " of segment " + key;
            PlainText.tooLong(words, (String) text[1], (Integer) text[2]).or(() -> PlainText.refusal(words, (String) text[1])).ifPresent(why -> {
                throw new InvalidSegmentation(field(key, part), why);
            });
        }
    }

    /** How a refusal names the wrong field: {@code segments.<key>.name}, the segment by its key (the definition's list may be in any order). */
    static String field(String key, String part) {
        return "segments." + key + "." + part;
    }

    public Segment withGoal(String newGoal) {
        return new Segment(key, name, rank, description, newGoal);
    }
}
