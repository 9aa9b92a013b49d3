package io.strata.adapters.web.imports;

import io.strata.application.imports.ImportReport;

import java.time.Duration;

/** One import as the history and the report show it: the report, and how long it took (null while it runs). */
public record ImportRow(ImportReport report, Duration duration) {

    static ImportRow of(ImportReport report) {
        return new ImportRow(report, report.finishedAt() == null ? null : Duration.between(report.startedAt(), report.finishedAt()));
    }

    /** "350 ms", "4.2 s", "12 s", "3 min 5 s". */
    public String took() {
        if (duration == null) {
            return "running";
        }
        long millis = duration.toMillis();
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 10_000) {
            return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = duration.toSeconds();
        return seconds < 60 ? seconds + " s" : seconds / 60 + " min " + seconds % 60 + " s";
    }
}
