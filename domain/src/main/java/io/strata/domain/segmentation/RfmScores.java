package io.strata.domain.segmentation;

import java.util.Objects;

/** A buyer's scores, each 1 to 5; {@code third} is M or P as {@code thirdDimension} says. */
public record RfmScores(int r, int f, int third, ThirdDimension thirdDimension) {

    public RfmScores {
        Objects.requireNonNull(thirdDimension, "third dimension");
        check("R", r);
        check("F", f);
        check(thirdDimension.letter(), third);
    }

    private static void check(String name, int score) {
        if (score < ScoreRange.LOWEST || score > ScoreRange.HIGHEST) {
            throw new IllegalArgumentException(name + " score " + score + " is outside 1..5");
        }
    }
}
