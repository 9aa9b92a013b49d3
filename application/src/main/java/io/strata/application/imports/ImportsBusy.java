package io.strata.application.imports;

/**
 * An import refused before it began, because this node has as many imports waiting for their turn as it queues: nothing
 * of it was read or written, and sending it again later is all it takes.
 */
public class ImportsBusy extends RuntimeException {

    private final int retryAfterSeconds;

    public ImportsBusy(int running, int waiting, int retryAfterSeconds) {
        super("Strata is busy with imports: " + running + " are running and " + waiting + " are waiting for their turn, "
                + "which is as many as it queues, so this import was not started and nothing of it was written. "
                + "Send the file again in " + retryAfterSeconds + " seconds, or once an import has finished.");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
