package io.strata.adapters.web.console;

import java.util.UUID;

/**
 * Where {@link OnceSentForms} keeps the console forms already carried out, for every node of an installation (the
 * database's {@code console_forms_sent}; wired in bootstrap, as the web adapter uses no JDBC). Sessions are named by a
 * digest of their cookie, never by the cookie.
 */
public interface SentForms {

    /**
     * Takes the form for this request: {@link Mine} if no other request of the session has it (this one carries it out
     * and then says how it ended); else waits until the request that has it, on any node, has ended and answers
     * {@link Answered} with its redirect, or {@link Mine} if it ended otherwise (its errors, a refusal, a failure, its node
     * stopped); {@link StillUnderWay} if it has not ended within the wait; {@link Unguarded} if no connection to keep
     * it was free (the form is then carried out as one without a field).
     */
    Claim take(String session, UUID form);

    /**
     * An upload's form (its import id): true if this request is the first to send it, and its row is kept at once, so a
     * copy sent while the file still arrives is answered at once ({@link #uploadEnded}); false if it was sent before.
     */
    boolean takeUpload(String session, UUID importId);

    /** The upload ended: with an import recorded under its id (kept 10 minutes from now), or without (forgotten). */
    void uploadEnded(String session, UUID importId, boolean recorded);

    /** Whether an upload with this import id was sent and is still under way or recently ended (any session). */
    boolean uploadSent(UUID importId);

    sealed interface Claim permits Mine, Answered, StillUnderWay, Unguarded {
    }

    /** This request carries the form out; {@link #close} without {@link #carriedOut} forgets it (a copy may go ahead). */
    non-sealed interface Mine extends Claim, AutoCloseable {

        void carriedOut(int status, String location);

        @Override
        void close();
    }

    record Answered(int status, String location) implements Claim {
    }

    record StillUnderWay() implements Claim {
    }

    record Unguarded() implements Claim {
    }
}
