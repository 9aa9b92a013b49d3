package io.strata.adapters.web.download;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.async.CallableProcessingInterceptor;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * The longest a CSV download may take ({@code strata.downloads.time-limit}), from its request to its last row. A download
 * whose file is still being written when it runs out is cut as one whose database failed midway ({@link CsvDownload}: its
 * next write throws): Strata's warning says which download after how many rows and why, and the answer ends without the
 * file's end (no last chunk), so that the client sees an incomplete download. One bean, found by {@link CsvDownload}.
 *
 * <p>Also MVC's async timeout interceptor: MVC's own timeout is set {@link #GRACE} past the limit, for a download whose
 * write waits that long on a client that stopped reading; it marks the download expired (its writer stops at its next
 * write) and ends the answer without the file's end. Left to Spring, a timeout ended the async answer as a normal one:
 * Tomcat wrote the last chunk, and a client took the rows so far for the whole file (seen in session 60: 38,800 lines
 * of 80,003, "whole"). Before anything went out, the timeout is left to Spring (a 503).
 */
public final class TimeLimitCut implements CallableProcessingInterceptor {

    /** How long past the limit MVC's own timeout comes: the writer notices the limit first, at its next write. */
    public static final Duration GRACE = Duration.ofMinutes(1);

    private final Duration limit;
    private final String setting;

    /** {@code setting} names the limit as the operator gives it ("STRATA_DOWNLOADS_TIME_LIMIT (strata.downloads.time-limit)"). */
    public TimeLimitCut(Duration limit, String setting) {
        this.limit = limit;
        this.setting = setting;
    }

    public Duration limit() {
        return limit;
    }

    /** MVC's async timeout: the limit and {@link #GRACE}. */
    public Duration asyncTimeout() {
        return limit.plus(GRACE);
    }

    DownloadTooLong tooLong() {
        return new DownloadTooLong(limit, setting);
    }

    @Override
    public <T> Object handleTimeout(NativeWebRequest request, Callable<T> task) {
        HttpServletResponse response = request.getNativeResponse(HttpServletResponse.class);
        if (request.getAttribute(CsvDownload.Progress.ATTRIBUTE, NativeWebRequest.SCOPE_REQUEST) instanceof CsvDownload.Progress progress) {
            progress.timedOut = true;
            if (response != null && response.isCommitted()) {
                return CsvDownload.cut(progress.download, progress.rows(), tooLong());
            }
        }
        return RESULT_NONE;
    }

    /** Why the download was cut, in words, as {@link CsvDownload#why} tells it. */
    static final class DownloadTooLong extends RuntimeException {
        DownloadTooLong(Duration limit, String setting) {
            super("it took longer than the time limit of " + limit + ", " + setting, null, false, false);
        }
    }
}
