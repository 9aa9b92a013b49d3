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

    /**
     * Whether the failure's message is Strata's own words: the product words its messages by rule. Either its type is
     * one of Strata's (InvalidCampaign, InvalidSegmentation, WeakPassword, …, whose every message the product writes),
     * wherever it was made; or it is of a foreign type (IllegalArgumentException itself) and was made in Strata's code,
     * which the innermost frame of its stack says.
     * <p>
     * Until session 60 the frame alone decided, and a refusal of Strata's own type made by a JDK method was taken for
     * foreign and its words hidden: a constructor reference ({@code Optional.map(InvalidCampaign::new)}, {@code
     * orElseThrow(InvalidSegmentation::new)}) runs in a hidden frame the stack trace leaves out, so the innermost frame
     * shown is the JDK's {@code Optional.map}. Walking out to the first frame that is not the JDK's would not do: the
     * JDK's own refusal ({@code UUID.fromString}'s "Invalid UUID string") called by Strata's code would then pass for
     * Strata's. What stays hidden: an IllegalArgumentException itself made by a constructor reference in a JDK method;
     * Strata's code throws its own types where a JDK method makes the refusal.
     */
    public static boolean thrownByStrata(Throwable failure) {
        if (strataType(failure.getClass())) {
            return true;
        }
        StackTraceElement[] frames = failure.getStackTrace();
        return frames.length > 0 && frames[0].getClassName().startsWith("io.strata.");
    }

    private static boolean strataType(Class<?> type) {
        return type.getName().startsWith("io.strata.");
    }
}
