package io.strata.adapters.web.download;

import java.io.IOException;

/**
 * Where a download's rows are read from its source: {@link CsvDownload#answer} runs every download's rows through the
 * one bean of this kind in the request's application context (bootstrap's {@code ReadOnlyDownloadReads}: one read-only
 * database transaction around the whole download, so that PostgreSQL's driver reads each query by cursor, a fetch size
 * at a time, instead of the whole result before the first row; docs/architecture.md, "Downloads streamed from the
 * database"). Without such a bean (a unit test of the CSV alone) the rows are read as they come.
 */
@FunctionalInterface
public interface DownloadReads {

    /** Reads nothing itself: the rows as they come. */
    DownloadReads AS_THEY_COME = Work::run;

    /** Runs {@code work}, which reads the download's rows and writes them; returns once it has ended, on every path. */
    void within(Work work) throws IOException;

    /** The reading and writing of one download's rows. */
    @FunctionalInterface
    interface Work {
        void run() throws IOException;
    }
}
