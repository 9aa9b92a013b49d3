package io.strata.application.campaign;

/** No destination has that name (404). */
public class DestinationNotFound extends RuntimeException {

    public DestinationNotFound(String name) {
        super("there is no destination named '" + name + "'; the list of destinations shows their names");
    }
}
