package io.strata.domain.segmentation;

/**
 * The third RFM score: M over monetary (classic RFM) or P over product breadth, the number of distinct categories
 * bought (the cross-sell variant). Either way it is the contract's score column {@code m}.
 */
public enum ThirdDimension {
    MONETARY("M"), PRODUCT("P");

    private final String letter;

    ThirdDimension(String letter) {
        this.letter = letter;
    }

    public String letter() {
        return letter;
    }
}
