package io.strata.application.campaign;

import io.strata.application.campaign.port.out.DeliveryDestinations;
import java.net.URI;
import java.util.Objects;

/**
 * Where deliveries go and the secret their requests are signed with (Standard Webhooks form, {@code whsec_…}): a stored
 * destination's, or the start-up setting's through {@link DeliveryDestinations}.
 */
public record Destination(URI url, String secret) {

    public Destination {
        Objects.requireNonNull(url, "a destination needs a URL");
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("a destination needs a signing secret");
        }
    }

    /** Keeps the secret out of logs and error messages. */
    @Override
    public String toString() {
        return "Destination[" + url + "]";
    }
}
