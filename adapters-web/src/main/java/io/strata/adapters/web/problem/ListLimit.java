package io.strata.adapters.web.problem;

/**
 * The {@code limit} parameter of a list endpoint: how many items the answer holds, 1 to the endpoint's maximum.
 * Above the maximum, zero, negative or not a whole number, it is refused with a 400 that names the parameter and the
 * range; it is never clamped, so a client never takes a shortened list for the whole one.
 */
public final class ListLimit {

    public static final String PARAMETER = "limit";
    /** The largest limit of a list whose items are small (runs, campaigns, segmentations, users, tokens). */
    public static final int MAX = 1000;

    private ListLimit() {
    }

    /** The limit a request asked for, or {@code defaultValue} when it asked for none. */
    public static int parse(String raw, int defaultValue, int maximum) {
        return parse(PARAMETER, raw, defaultValue, maximum);
    }

    /** The same for a limit parameter of another name ({@code cohortsLimit}); its 400 names that parameter. */
    public static int parse(String parameter, String raw, int defaultValue, int maximum) {
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            int limit = Integer.parseInt(raw.strip());
            if (limit >= 1 && limit <= maximum) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // refused below with the same answer as a number out of range
        }
        throw new InvalidListLimit(parameter, raw, maximum);
    }
}
