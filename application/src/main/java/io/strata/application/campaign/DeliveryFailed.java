package io.strata.application.campaign;

import java.util.Optional;

/**
 * An attempt the destination did not accept, its message in the product's words (it is a delivery's {@code last_error},
 * read by planners in the deliveries download). What the log says of the attempt besides (session 60): the HTTP
 * client's own words, one line and no trace, for a failure the network is expected to have (a refused or reset
 * connection, a timeout); the whole exception as the cause, whose trace the log shows, only for one of a type the
 * webhook did not expect, where the trace is what finds the fault.
 */
public class DeliveryFailed extends RuntimeException {

    private final String clientSaid;

    public DeliveryFailed(String message) {
        this(message, (String) null);
    }

    /** A failure the network is expected to have; {@code clientSaid} is the HTTP client's own words, for the log only. */
    public DeliveryFailed(String message, String clientSaid) {
        super(message);
        this.clientSaid = clientSaid;
    }

    /** A failure of a type the webhook did not expect: its trace goes to the log (once per batch). */
    public DeliveryFailed(String message, Throwable unexpected) {
        super(message, unexpected);
        this.clientSaid = unexpected == null ? null : String.valueOf(unexpected);
    }

    /** The HTTP client's own words for the failure, when it said any: for the log, never for a planner. */
    public Optional<String> clientSaid() {
        return Optional.ofNullable(clientSaid);
    }
}
