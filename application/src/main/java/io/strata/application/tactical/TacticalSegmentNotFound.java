package io.strata.application.tactical;

public class TacticalSegmentNotFound extends RuntimeException {

    public TacticalSegmentNotFound(String message) {
        super(message);
    }
}
