package io.strata.adapters.web.download;

import java.io.Closeable;

/**
 * A download's file while {@link CsvDownload#streamed} writes it (a CSV, the deliveries' NDJSON): its rows so far, which
 * the log names when the download is cut, and its end, written once every row is.
 */
public interface DownloadFile extends Closeable {

    long rows();
}
