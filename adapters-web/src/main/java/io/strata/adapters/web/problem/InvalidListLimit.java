package io.strata.adapters.web.problem;

/** A list's limit that is not a whole number from 1 to the list's maximum. */
public class InvalidListLimit extends RuntimeException {

    private static final int ECHOED = 40;

    private final String parameter;
    private final int maximum;

    public InvalidListLimit(String parameter, String raw, int maximum) {
        super(parameter + " must be a whole number from 1 to " + maximum + "; got '"
                + io.strata.domain.text.PlainText.cut(raw, ECHOED) + "'; ask for 1 to " + maximum + " items");
        this.parameter = parameter;
        this.maximum = maximum;
    }

    public String parameter() {
        return parameter;
    }

    public int maximum() {
        return maximum;
    }
}
