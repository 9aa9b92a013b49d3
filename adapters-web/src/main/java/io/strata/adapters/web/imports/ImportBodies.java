package io.strata.adapters.web.imports;

import io.strata.application.imports.SourceRows;

import java.io.InputStream;
import java.io.Reader;

/**
 * A body as the rows of an import, read as it streams: never more than the configured limit
 * (strata.import.max-body-size), strict UTF-8, then CSV or NDJSON. The API and the console's upload share it.
 */
public final class ImportBodies {

    private ImportBodies() {
    }

    public static SourceRows csv(InputStream body, long maxBytes) {
        return new CsvRows(text(body, maxBytes));
    }

    public static SourceRows ndjson(InputStream body, long maxBytes) {
        return new NdjsonRows(text(body, maxBytes));
    }

    private static Reader text(InputStream body, long maxBytes) {
        return Utf8Body.reader(new LimitedBody(body, maxBytes));
    }
}
