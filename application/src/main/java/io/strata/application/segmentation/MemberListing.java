package io.strata.application.segmentation;

/**
 * A page of a segment's members in a run, narrowed to one tactical segment's members and ordered by a column.
 * {@code tacticalId} and {@code search} may be null; pages count from 0.
 */
public record MemberListing(long runId, String segmentKey, String search, Long tacticalId, Order order, int page, int pageSize) {

    /** Orders a planner asks for: the biggest spenders, the most frequent buyers, the most recent buyers first. */
    public enum Order { CUSTOMER, MONETARY, FREQUENCY, RECENCY }

    public static final int MOST_PER_PAGE = 500;
    /** Deep pages of a sorted list cost a sort of everything before them; nobody reads that far, search instead. */
    public static final int LAST_PAGE = 200;

    public MemberListing {
        if (segmentKey == null || segmentKey.isBlank()) {
            throw new IllegalArgumentException("a segment is needed");
        }
        order = order == null ? Order.CUSTOMER : order;
        if (page < 0 || page > LAST_PAGE) {
            throw new IllegalArgumentException("page must be between 0 and " + LAST_PAGE + "; search for a customer instead");
        }
        if (pageSize < 1 || pageSize > MOST_PER_PAGE) {
            throw new IllegalArgumentException("a page holds 1 to " + MOST_PER_PAGE + " members");
        }
        search = search == null || search.isBlank() ? null : search.strip();
    }
}
