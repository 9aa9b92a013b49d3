package io.strata.adapters.web.problem;

/** A list's {@code before} cursor that names no place in the list: not an id of the list's items. */
public class InvalidListCursor extends RuntimeException {

    private static final int ECHOED = 40;

    private final String parameter;

    public InvalidListCursor(String parameter, String raw, String expected) {
        super(parameter + " must be " + expected + "; got '" + io.strata.domain.text.PlainText.cut(raw, ECHOED)
                + "'");
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
