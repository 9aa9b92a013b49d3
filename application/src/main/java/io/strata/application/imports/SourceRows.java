package io.strata.application.imports;

import java.util.Iterator;

/**
 * An import body read row by row, never whole. The web edge parses CSV or NDJSON into this; reading a row may
 * throw {@link UnreadableInput}.
 */
public interface SourceRows extends Iterator<SourceRow>, AutoCloseable {

    /** The header every row shares (CSV); empty when each row names its own fields (NDJSON). */
    java.util.Optional<SourceHeader> fixedHeader();

    @Override
    void close();
}
