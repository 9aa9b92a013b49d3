package io.strata.application.campaign;

import io.strata.domain.edit.Revision;

import io.strata.domain.campaign.Channel;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/** A webhook destination as stored: where requests go, the secret that signs them and the channels it is the default of. */
public record StoredDestination(long id, String name, URI url, String secret, Set<Channel> channels, Instant createdAt,
                                Instant updatedAt, String updatedBy) {

    public StoredDestination {
        Objects.requireNonNull(url, "url");
        channels = Set.copyOf(channels);
    }

    /**
     * The revision of the destination as stored: URL, channels and its latest change (a new secret is one); the secret
     * itself does not go into it.
     */
    public Revision revision() {
        return Revision.of("destination", id, name, url, channels.stream().map(Channel::key).sorted().toList(), createdAt, updatedAt, updatedBy);
    }

    public Destination destination() {
        return new Destination(url, secret);
    }

    /** Enough of the secret to tell two apart, never enough to use it: its prefix and its last 4 characters. */
    public String secretHint() {
        return (secret.startsWith("whsec_") ? "whsec_" : "") + "…" + secret.substring(secret.length() - 4);
    }

    /** Keeps the secret out of logs and error messages. */
    @Override
    public String toString() {
        return "StoredDestination[" + id + ", " + name + ", " + url + ", " + channels + "]";
    }
}
