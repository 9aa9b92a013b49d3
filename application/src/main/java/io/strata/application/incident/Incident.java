package io.strata.application.incident;

import io.strata.domain.rule.RuleError;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A failure the product did not foresee, such as a database error or a lost connection. Its details (the database's
 * own text, with process ids and relation numbers) go to the log under a short reference; readers get what happened
 * in the product's words, what to do, and the reference to quote to whoever reads the log.
 */
public record Incident(String reference, String message) {

    private static final Logger log = Logger.getLogger(Incident.class.getName());
    private static final SecureRandom random = new SecureRandom();

    public Incident {
        if (reference == null || reference.isBlank() || message == null || message.isBlank()) {
            throw new IllegalArgumentException("an incident needs a reference and a message");
        }
    }

    /**
     * Logs the failure with a new reference and answers the sentence users read: {@code what} happened (reference …).
     * {@code whatToDo}.
     */
    public static Incident record(String what, String whatToDo, Throwable cause) {
        byte[] bytes = new byte[4];
        random.nextBytes(bytes);
        String reference = HexFormat.of().formatHex(bytes);
        log.log(Level.SEVERE, "incident " + reference + ": " + what, cause);
        return new Incident(reference, what + " (reference " + reference + "). " + whatToDo);
    }

    /**
     * Whether a failure's own message is written for users and safe to show: the product's refusal of a definition
     * or a rule, which names what to fix, or an engine's failure its operators can act on. Anything else is an incident.
     * An IllegalArgumentException counts only when Strata's own code threw it: the JDK and the libraries throw it too
     * (Enum.valueOf's "No enum constant io.strata…", UUID's "Invalid UUID string", a NumberFormatException's "For input
     * string"), and their words are not for users (session 59).
     */
    public static boolean explainsItself(Throwable failure) {
        return (failure instanceof IllegalArgumentException && thrownByStrata(failure)) || failure instanceof RuleError
                || failure instanceof EngineUnavailable;
    }

    /** Whether the innermost frame of the failure's stack is Strata's code: the product words its messages by rule. */
    public static boolean thrownByStrata(Throwable failure) {
        StackTraceElement[] frames = failure.getStackTrace();
        return frames.length > 0 && frames[0].getClassName().startsWith("io.strata.");
    }
}
