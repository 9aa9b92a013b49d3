package io.strata.adapters.delivery;

import io.strata.application.campaign.port.out.DeliveryDestinations;
import io.strata.application.campaign.Destination;
import io.strata.application.campaign.DestinationSettings;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one webhook every campaign's deliveries go to, from {@code strata.dispatch.webhook-url} (empty: off) and
 * {@code strata.dispatch.webhook-secret}. Checked when set, so a bad setting stops the start with a clear message
 * instead of failing every delivery: the URL must be https, or plain http to the loopback (a receiver on the same
 * machine), unless {@code strata.dispatch.allow-plain-http} is true; a URL needs a valid signing secret. Made by the
 * bootstrap from its settings.
 */
public class ConfiguredDestination implements DeliveryDestinations {

    private final String secret;
    private final boolean allowPlainHttp;
    private final AtomicReference<Destination> destination = new AtomicReference<>();

    public ConfiguredDestination(String url, String secret, boolean allowPlainHttp) {
        this.secret = secret == null || secret.isBlank() ? null : secret.strip();
        this.allowPlainHttp = allowPlainHttp;
        if (this.secret != null) {
            WebhookSignature.of(this.secret);
        }
        useTarget(url);
    }

    /** Points the webhook at another URL (checked as at start); null or blank switches it off. */
    public void useTarget(String url) {
        if (url == null || url.isBlank()) {
            destination.set(null);
            return;
        }
        URI uri = URI.create(url.strip());
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("STRATA_DISPATCH_WEBHOOK_URL must be an https URL with a host, not " + url);
        }
        if (scheme.equals("http") && !allowPlainHttp && !DestinationSettings.loopback(uri.getHost())) {
            throw new IllegalArgumentException("STRATA_DISPATCH_WEBHOOK_URL " + url + " is plain http to " + uri.getHost()
                    + ", which is not this machine: deliveries carry email addresses and phone numbers, so Strata sends them over https"
                    + " only. Use an https URL, or set STRATA_DISPATCH_ALLOW_PLAIN_HTTP=true if the network to the receiver is trusted.");
        }
        if (secret == null) {
            throw new IllegalArgumentException("STRATA_DISPATCH_WEBHOOK_URL is set but STRATA_DISPATCH_WEBHOOK_SECRET is not: every delivery"
                    + " request is signed (Standard Webhooks), so the receiver can tell it came from Strata; "
                    + WebhookSignature.HOW_TO_MAKE_ONE + ", and give the receiver the same secret.");
        }
        destination.set(new Destination(uri, secret));
    }

    @Override
    public Optional<Destination> destinationOf(long campaignId) {
        return Optional.ofNullable(destination.get());
    }
}
