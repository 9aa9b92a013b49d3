package io.strata.application.imports;

import java.util.UUID;

/**
 * An import that failed for a reason of the product's own (the database, not the file): nothing of it was written, its
 * record says FAILED, and the message says so in the product's words with a reference to the logged details.
 */
public class ImportFailed extends RuntimeException {

    private final UUID importId;

    public ImportFailed(UUID importId, String message, Throwable cause) {
        super(message, cause);
        this.importId = importId;
    }

    public UUID importId() {
        return importId;
    }
}
