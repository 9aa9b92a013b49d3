package io.strata.adapters.web.imports;

import io.strata.application.imports.SourceRows;

import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.Charset;

/**
 * A body as the rows of an import, read as it streams: never more than the configured limit
 * (strata.import.max-body-size), strict text in its charset (UTF-8 unless the Content-Type declares another:
 * {@link DeclaredCharset}), then CSV or NDJSON. The API and the console's upload share it.
 */
public final class ImportBodies {

    private ImportBodies() {
    }

    public static SourceRows csv(InputStream body, Charset charset, long maxBytes) {
        return new CsvRows(text(body, charset, maxBytes));
    }

    /** The console's upload: the charset chosen on its form, which the errors name as chosen rather than declared. */
    public static SourceRows csvInChosenCharset(InputStream body, Charset charset, long maxBytes) {
        return new CsvRows(TextBody.reader(new LimitedBody(body, maxBytes), charset, true));
    }

    public static SourceRows ndjson(InputStream body, Charset charset, long maxBytes) {
        return new NdjsonRows(text(body, charset, maxBytes));
    }

    private static Reader text(InputStream body, Charset charset, long maxBytes) {
        return TextBody.reader(new LimitedBody(body, maxBytes), charset);
    }
}
