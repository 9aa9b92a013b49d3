package io.strata.bootstrap.settings;

import io.strata.application.settings.DurationRange;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code strata.downloads.*} (STRATA_DOWNLOADS_*): {@code timeLimit} is the longest a CSV download may take from its
 * request to its last row; one still going then is cut (its connection closed without the file's end, so the client sees
 * an incomplete download). Until session 60 it was Tomcat's 30 seconds for any asynchronous answer, which cut a predictions
 * CSV of a million lines after 743,380 of them. At least a second; at most a day, as a download holds a database
 * connection while it lasts.
 */
@ConfigurationProperties("strata.downloads")
public record DownloadSettings(@DefaultValue("PT1H") Duration timeLimit) {

    public static final DurationRange TIME_LIMIT = DurationRange.of("strata.downloads.time-limit", Duration.ofSeconds(1), Duration.ofDays(1),
            Duration.ofHours(1));

    public DownloadSettings {
        TIME_LIMIT.check(timeLimit);
    }
}
