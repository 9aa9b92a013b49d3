package io.strata.application.campaign;

/** A destination that campaign actions or deliveries name cannot be deleted: they would no longer say where they go (409). */
public class DestinationInUse extends RuntimeException {

    public DestinationInUse(String name) {
        super("destination '" + name + "' is named by campaign actions or has deliveries, so it stays to say where they went;"
                + " point it at another URL, or take its channels away so new actions go elsewhere");
    }
}
