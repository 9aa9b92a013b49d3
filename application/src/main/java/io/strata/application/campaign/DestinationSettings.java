package io.strata.application.campaign;

import io.strata.domain.campaign.Channel;
import io.strata.domain.campaign.DestinationName;
import io.strata.domain.campaign.InvalidCampaign;
import io.strata.domain.campaign.InvalidDeliverySetting;
import io.strata.domain.text.PlainText;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A webhook destination as an admin gives it, checked: a name plans can use, an https URL (plain http only to this
 * machine, or anywhere when the network is declared trusted: deliveries carry email addresses and phone numbers), a
 * Standard Webhooks signing secret ({@code whsec_} + base64 of 24–64 bytes; null on a change keeps the stored one) and
 * the channels it is the default of. Every refusal names its field.
 */
public record DestinationSettings(String name, URI url, String secret, Set<Channel> channels) {

    public static final int MIN_KEY_BYTES = 24;
    public static final int MAX_KEY_BYTES = 64;
    public static final int MAX_URL_LENGTH = 2000;

    public DestinationSettings {
        channels = Set.copyOf(channels);
    }

    /** Reads and checks the given values; {@code secretRequired} is true for a new destination. */
    public static DestinationSettings of(String name, String url, String secret, List<String> channels, boolean allowPlainHttp,
                                         boolean secretRequired) {
        String checkedName;
        try {
            checkedName = DestinationName.check(name, "name");
        } catch (InvalidCampaign e) {
            throw new InvalidDeliverySetting("name", e.getMessage());
        }
        return new DestinationSettings(checkedName, url(url, allowPlainHttp), secret(secret, secretRequired), channels(channels));
    }

    static URI url(String text, boolean allowPlainHttp) {
        if (text == null || text.isBlank()) {
            throw new InvalidDeliverySetting("url", "url is missing; give the https URL the deliveries are posted to");
        }
        if (PlainText.longerThan(text.strip(), MAX_URL_LENGTH)) {
            throw new InvalidDeliverySetting("url", "url has " + PlainText.characters(text.strip()) + " characters; at most " + MAX_URL_LENGTH + " are allowed");
        }
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            // where it breaks, in the product's words: the JDK's reason ("Illegal character in authority at index 8", an index
            // that is the authority's start, not the character's) was said until session 59
            String typed = text.strip();
            int at = 0;
            while (at < typed.length() && " \"<>\\^`{|}".indexOf(typed.charAt(at)) < 0 && !Character.isISOControl(typed.charAt(at))) {
                at++;
            }
            String where = at < typed.length()
                    ? ": the character " + shown(typed.charAt(at)) + " at position " + (typed.codePointCount(0, at) + 1) + " cannot stand there (a space, a quote or"
                            + " a bracket in a path or query is written percent-encoded, a space as %20)"
                    : "";
            throw new InvalidDeliverySetting("url", "url '" + text + "' is not a URL" + where + "; give one such as https://crm.example.com/hooks/strata");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new InvalidDeliverySetting("url", "url '" + text + "' is not an https URL with a host; give one such as"
                    + " https://crm.example.com/hooks/strata");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidDeliverySetting("url", "url must not carry a user name or password; the requests are signed with the secret instead");
        }
        if (scheme.equals("http") && !allowPlainHttp && !loopback(uri.getHost())) {
            throw new InvalidDeliverySetting("url", "url " + text + " is plain http to " + uri.getHost() + ", which is not this machine:"
                    + " deliveries carry email addresses and phone numbers, so Strata sends them over https only. Use an https URL, or"
                    + " set STRATA_DISPATCH_ALLOW_PLAIN_HTTP=true if the network to the receiver is trusted.");
        }
        return uri;
    }

    /** A character as a message shows it: quoted, or by its code when it would not show (a control character, a space). */
    private static String shown(char c) {
        return c <= ' ' || Character.isISOControl(c) ? String.format("U+%04X", (int) c) : "'" + c + "'";
    }

    static String secret(String text, boolean required) {
        if (text == null || text.isBlank()) {
            if (required) {
                throw new InvalidDeliverySetting("secret", "secret is missing: every delivery request is signed (Standard Webhooks);"
                        + " make one with: echo whsec_$(openssl rand -base64 32), and give the receiver the same secret");
            }
            return null;
        }
        String stripped = text.strip();
        String key = stripped.startsWith("whsec_") ? stripped.substring("whsec_".length()) : stripped;
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(key);
        } catch (IllegalArgumentException e) {
            throw new InvalidDeliverySetting("secret", "secret is not whsec_ followed by base64; make one with:"
                    + " echo whsec_$(openssl rand -base64 32)");
        }
        if (bytes.length < MIN_KEY_BYTES || bytes.length > MAX_KEY_BYTES) {
            throw new InvalidDeliverySetting("secret", "secret holds " + bytes.length + " bytes; give " + MIN_KEY_BYTES + " to "
                    + MAX_KEY_BYTES + " random bytes: echo whsec_$(openssl rand -base64 32)");
        }
        return stripped;
    }

    static Set<Channel> channels(List<String> keys) {
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        List<String> given = keys == null ? List.of() : new ArrayList<>(keys);
        for (int i = 0; i < given.size(); i++) {
            String field = "channels[" + i + "]";
            try {
                if (!channels.add(Channel.parse(given.get(i), field))) {
                    throw new InvalidDeliverySetting(field, field + " '" + given.get(i) + "' is listed twice; list each channel once");
                }
            } catch (InvalidCampaign e) {
                throw new InvalidDeliverySetting(field, e.getMessage());
            }
        }
        return channels;
    }

    /** "localhost" or a loopback address literal; other names are not resolved, so DNS cannot turn a remote host into "local". */
    public static boolean loopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!bare.matches("[0-9.]+") && !bare.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Keeps the secret out of logs and error messages. */
    @Override
    public String toString() {
        return "DestinationSettings[" + name + ", " + url + ", " + channels + "]";
    }
}
