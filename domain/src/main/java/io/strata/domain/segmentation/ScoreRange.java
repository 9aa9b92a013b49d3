package io.strata.domain.segmentation;

/** An inclusive range of RFM scores, e.g. 1–2; scores run from 1 to 5. */
public record ScoreRange(int from, int to) {

    public static final int LOWEST = 1;
    public static final int HIGHEST = 5;

    public ScoreRange {
        if (from < LOWEST || to > HIGHEST || from > to) {
            throw new InvalidSegmentation("score range " + from + "–" + to + " is not allowed; scores run from "
                    + LOWEST + " to " + HIGHEST + " and a range goes from low to high, e.g. 1–2");
        }
    }

    public static ScoreRange of(int score) {
        return new ScoreRange(score, score);
    }

    public static ScoreRange between(int from, int to) {
        return new ScoreRange(from, to);
    }

    public static ScoreRange any() {
        return new ScoreRange(LOWEST, HIGHEST);
    }

    public boolean contains(int score) {
        return score >= from && score <= to;
    }

    public boolean isAny() {
        return from == LOWEST && to == HIGHEST;
    }

    @Override
    public String toString() {
        return from == to ? Integer.toString(from) : from + "–" + to;
    }
}
