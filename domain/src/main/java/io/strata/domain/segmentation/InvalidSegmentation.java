package io.strata.domain.segmentation;

import java.util.List;

/**
 * A general segmentation definition that cannot be built: it would leave some customers without a segment, put
 * some in two, or name segments that do not exist. The message says which customers and how to fix it.
 */
public class InvalidSegmentation extends IllegalArgumentException {

    private final String field;

    public InvalidSegmentation(String message) {
        this(null, message);
    }

    /** A refusal of one field of the definition ({@code name}, {@code segments.<key>.goal}), named in the API's answer. */
    public InvalidSegmentation(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The field refused, or null when the refusal is of the definition as a whole (coverage, ranks, keys). */
    public String field() {
        return field;
    }

    /** "both a and b", or "a, b and c" when more than two segments claim the same customers. */
    static String both(List<String> claimants) {
        if (claimants.size() == 2) {
            return "both " + claimants.get(0) + " and " + claimants.get(1);
        }
        return String.join(", ", claimants.subList(0, claimants.size() - 1)) + " and " + claimants.get(claimants.size() - 1);
    }
}
