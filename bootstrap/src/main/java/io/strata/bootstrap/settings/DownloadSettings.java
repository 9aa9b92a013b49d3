package io.strata.bootstrap.settings;

import io.strata.application.settings.DurationRange;
import io.strata.application.settings.SettingOutOfRange;
import io.strata.application.settings.SettingRange;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * {@code strata.downloads.*} (STRATA_DOWNLOADS_*): {@code timeLimit} is the longest a download may take from its
 * request to its last row; one still going then is cut (its connection closed without the file's end, so the client sees
 * an incomplete download). Until session 60 it was Tomcat's 30 seconds for any asynchronous answer, which cut a predictions
 * CSV of a million lines after 743,380 of them. At least a second; at most a day, as a download holds a database
 * connection while it lasts.
 *
 * <p>{@code atOnce} is how many downloads a node runs at once; the next is refused (503, Retry-After) before its first
 * byte. Each holds a pooled connection as long as it lasts, so the cap is derived from the pool: unset, half of
 * {@code strata.db.pool-size} but at most the pool less {@link #LEFT_FOR_OTHER_WORK} (1 of the least pool of 4, 5 of the
 * default 10); set, it must leave at least {@link #LEFT_FOR_OTHER_WORK} connections to other work, which a start otherwise refuses
 * ({@link #atOnce(int)}, checked with the pool's size by {@link SettingsAtStart}). Until session 61 there was no cap: four
 * paused downloads on a pool of 4 answered every page and API call of the node 503 after the pool's wait.
 */
@ConfigurationProperties("strata.downloads")
public record DownloadSettings(@DefaultValue("PT1H") Duration timeLimit, Integer atOnce) {

    public static final DurationRange TIME_LIMIT = DurationRange.of("strata.downloads.time-limit", Duration.ofSeconds(1), Duration.ofDays(1),
            Duration.ofHours(1));

    /**
     * Connections a node always keeps from downloads: an import's three (claim, transaction, stage) or a run's, and one for a
     * page or an API call. Two, as first written, let two paused downloads on the least pool of 4 leave an orders import
     * two connections of its three: it waited the pool's timeout and failed (session 61's review, after docs/imports.md's
     * "The smallest pool").
     */
    public static final int LEFT_FOR_OTHER_WORK = 4;

    /** The bounds whatever the pool (its most, 1000, less what is left for other work); {@link #atOnce(int)} narrows them to the pool. */
    public static final SettingRange AT_ONCE = new SettingRange("strata.downloads.at-once", BigDecimal.ONE, true,
            BigDecimal.valueOf(1000 - LEFT_FOR_OTHER_WORK), true, true, "downloads", "half of strata.db.pool-size, at most the pool less "
            + LEFT_FOR_OTHER_WORK);

    public DownloadSettings {
        TIME_LIMIT.check(timeLimit);
        if (atOnce != null) {
            AT_ONCE.check(atOnce);
        }
    }

    /**
     * Downloads at once on a pool of {@code poolSize} connections: as set, or half the pool but at most the pool less
     * {@link #LEFT_FOR_OTHER_WORK}, at least 1; a value that would leave the pool fewer than {@link #LEFT_FOR_OTHER_WORK}
     * connections is refused in words, naming both settings. On the least pool of 4 that is one download, beside which an
     * import still has its three connections and a page waits for one of them.
     */
    public int atOnce(int poolSize) {
        int most = Math.max(1, poolSize - LEFT_FOR_OTHER_WORK);
        int derived = Math.min(most, Math.max(1, poolSize / 2));
        if (atOnce == null) {
            return derived;
        }
        if (atOnce > most) {
            SettingRange onThisPool = new SettingRange(AT_ONCE.key(), BigDecimal.ONE, true, BigDecimal.valueOf(most), true, true, "downloads",
                    derived + (derived == poolSize / 2 ? " (half of the pool)" : derived == poolSize - LEFT_FOR_OTHER_WORK ? " (the pool less "
                    + LEFT_FOR_OTHER_WORK + ")" : " (the least)"));
            throw new SettingOutOfRange(onThisPool.refusal(Integer.toString(atOnce), ", which would leave " + Math.max(0, poolSize - atOnce)
                    + " of the pool's " + poolSize + " connections (STRATA_DB_POOL_SIZE, strata.db.pool-size) to pages, API calls, imports and"
                    + " runs, fewer than the " + LEFT_FOR_OTHER_WORK + " they need while downloads hold theirs (an import's or a run's 3 and a page's 1)"));
        }
        return atOnce;
    }
}
