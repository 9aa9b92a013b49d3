package io.strata.application.imports.port.out;

import io.strata.application.imports.ImportsBusy;

/**
 * Out-port: the turns of the imports on this node. An import takes its turn before it holds anything (no claim, no
 * record, no connection, its body unread), so imports waiting for one cannot starve the import whose turn it is, nor
 * the pages and runs beside them, of the database connections they need.
 */
public interface ImportAdmission {

    /** Every import at once: for callers that run one import at a time anyway (a unit test of the service). */
    ImportAdmission UNLIMITED = () -> () -> {
    };

    /**
     * Waits for this import's turn and answers it; the turn ends when closed.
     *
     * @throws ImportsBusy when so many imports wait already that this one is refused rather than queued
     */
    Turn admit();

    /** An admitted import's turn: closed once the import has ended, whatever its outcome. */
    interface Turn extends AutoCloseable {
        @Override
        void close();
    }
}
