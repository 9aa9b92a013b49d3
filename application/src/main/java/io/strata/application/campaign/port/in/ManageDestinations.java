package io.strata.application.campaign.port.in;

import io.strata.domain.edit.Revision;

import io.strata.application.campaign.StoredDestination;

import java.util.List;

/** In-port: admins manage the webhook destinations campaign actions are delivered to. */
public interface ManageDestinations {

    List<StoredDestination> destinations();

    /** The destination of that name, or {@link io.strata.application.campaign.DestinationNotFound}. */
    StoredDestination destination(String name);

    /** A new destination; a taken name, a bad URL or secret, an unknown channel or one with a default already: 400 naming the field. */
    StoredDestination create(String name, String url, String secret, List<String> channels);

    /** Replaces the URL and channels, and the secret when one is given (null keeps it). */
    default StoredDestination update(String name, String url, String secret, List<String> channels) {
        return update(name, url, secret, channels, null);
    }

    /**
     * {@link #update(String, String, String, List)} if the destination is still in one of the revisions {@code seen} (what
     * the editor read; null: whatever it is now); otherwise {@link io.strata.application.audit.EditedMeanwhile}.
     */
    StoredDestination update(String name, String url, String secret, List<String> channels, List<Revision> seen);

    /** Deletes a destination no action or delivery names, or {@link io.strata.application.campaign.DestinationInUse}. */
    default void delete(String name) {
        delete(name, null);
    }

    /** {@link #delete(String)} if the destination is still in one of the revisions {@code seen} (null: whatever it is now). */
    void delete(String name, List<Revision> seen);
}
