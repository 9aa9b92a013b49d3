package io.strata.adapters.web.download;

/**
 * A download refused before its first byte because this node has as many downloads under way as it runs at once
 * ({@link DownloadSlots}): each holds a database connection as long as it lasts, and the rest of the pool is kept for
 * pages, API calls, imports and runs. Nothing was read; asking again shortly is all it takes. The API answers it 503
 * problem+json with {@code Retry-After}, the console with a page in the same words.
 */
public final class DownloadsBusy extends RuntimeException {

    public static final String TITLE = "Too many downloads at once";

    private final int underWay;
    private final int retryAfterSeconds;

    public DownloadsBusy(int underWay, int retryAfterSeconds) {
        super((underWay == 1 ? "1 download is" : underWay + " downloads are") + " under way on this node, as many as it runs at once, so that pages, API calls and imports keep "
                + "database connections of their own; this one was not started. Try again shortly: in " + retryAfterSeconds
                + " seconds, or once one of them has finished.", null, false, false);
        this.underWay = underWay;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int underWay() {
        return underWay;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** What an administrator can do when this keeps happening, for the API's {@code fix}. */
    public String fix() {
        return "Send the request again after Retry-After (" + retryAfterSeconds + " seconds). If this keeps happening, an administrator can let "
                + "more downloads run at once with strata.downloads.at-once (STRATA_DOWNLOADS_AT_ONCE), together with more connections "
                + "(strata.db.pool-size)";
    }
}
