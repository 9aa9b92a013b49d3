package io.strata.application.campaign.port.out;

import io.strata.application.campaign.DestinationSettings;
import io.strata.application.campaign.StoredDestination;

import java.util.List;
import java.util.Optional;

/** Out-port: the webhook destinations admins manage, with the channels each is the default of. */
public interface StoredDestinations {

    /** Every destination, by name. */
    List<StoredDestination> all();

    /**
     * Holds every other change of destinations until the current unit of work ends, so that the checks made next (a free
     * name, free channels) still hold when the change is written: two admins at once get a refusal, not a clash.
     */
    void lockForChange();

    /**
     * Holds changes of destinations (not other uses of them) until the current unit of work ends, so that a destination
     * a campaign's actions name, looked up next, is not deleted before the campaign is stored: a deletion waits for the
     * campaign and then finds it in use, or a campaign waits for the deletion and then finds no destination of that name.
     */
    void lockForUse();

    Optional<StoredDestination> named(String name);

    Optional<StoredDestination> byId(long id);

    /** Stores a new destination; its name must be free and its channels not another destination's default. */
    StoredDestination create(DestinationSettings settings, String by);

    /** Replaces the URL, secret and channels of the destination of that name. */
    StoredDestination update(DestinationSettings settings, String by);

    /** Deletes it; false when a campaign action or a delivery names it (it stays, so they keep saying where they went). */
    boolean delete(String name);
}
