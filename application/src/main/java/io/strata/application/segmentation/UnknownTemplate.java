package io.strata.application.segmentation;

import java.util.List;

/**
 * A request names a template that does not exist. It is the request's fault (its {@code template} field), not a
 * missing resource at the request's address: the API answers 400 naming the field and the known templates.
 */
public class UnknownTemplate extends RuntimeException {

    private final List<String> known;

    public UnknownTemplate(String key, List<String> known) {
        super("template '" + key + "' is not one of Strata's templates; name one of: " + String.join(", ", known));
        this.known = List.copyOf(known);
    }

    public String field() {
        return "template";
    }

    public List<String> known() {
        return known;
    }
}
