package io.strata.adapters.web.download;

import org.springframework.http.MediaType;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * A download of one JSON object per line (application/x-ndjson), streamed as {@link CsvDownload#streamed} streams every
 * download: its lines go into a 64 KB buffer, so a failure before the first 64 KB is still answered as an error.
 */
public final class NdjsonDownload implements DownloadFile {

    public static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

    private final Writer writer;
    private volatile long rows;

    private NdjsonDownload(OutputStream out) {
        this.writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
    }

    public static NdjsonDownload start(OutputStream out) {
        return new NdjsonDownload(out);
    }

    /** One line: {@code json}, a JSON object written on one line, and its line feed. */
    public void line(String json) {
        try {
            writer.write(json);
            writer.write('\n');
            rows++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public long rows() {
        return rows;
    }

    /** Writes what the buffer holds; the answer's stream is the container's to close. */
    @Override
    public void close() throws IOException {
        writer.flush();
    }
}
