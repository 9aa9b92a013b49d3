package io.strata.domain.campaign;

import io.strata.domain.text.PlainText;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * What a customer of the campaign receives: a message through a channel, or a discount offer. {@code content} is the
 * message text or a reference to a template in the sending tool (e.g. {@code template:winback-1}).
 */
public sealed interface Action permits Action.Message, Action.Offer {

    int MAX_CONTENT_LENGTH = 2000;

    Channel channel();

    String content();

    Optional<BigDecimal> discountPercent();

    /** The webhook destination the action names; empty: its channel's default destination at launch. */
    Optional<String> destination();

    /** Builds the action the API describes; {@code field} (e.g. {@code actions[1]}) locates it in error messages. */
    static Action of(Channel channel, String content, BigDecimal discountPercent, String field) {
        return of(channel, content, discountPercent, null, field);
    }

    /** As {@link #of(Channel, String, BigDecimal, String)}, sent to the named destination (null: the channel's default). */
    static Action of(Channel channel, String content, BigDecimal discountPercent, String destination, String field) {
        Objects.requireNonNull(channel, "channel");
        String checkedContent = checkContent(content, field);
        String checkedDestination = destination == null || destination.isBlank() ? null : DestinationName.check(destination, field + ".destination");
        if (channel == Channel.OFFER) {
            if (discountPercent == null) {
                throw new InvalidCampaign(field + ".discountPercent", field + " is an offer and needs a discountPercent above 0 and at most 100, e.g. 15");
            }
            return new Offer(checkPercent(discountPercent, field), checkedContent, checkedDestination);
        }
        if (discountPercent != null) {
            throw new InvalidCampaign(field + ".discountPercent", field + " is a " + channel.key() + " message; only an offer has a"
                    + " discountPercent: remove it, or add a separate action with channel \"offer\"");
        }
        return new Message(channel, checkedContent, checkedDestination);
    }

    record Message(Channel channel, String content, String destinationName) implements Action {

        public Message {
            Objects.requireNonNull(channel, "channel");
            if (channel == Channel.OFFER) {
                throw new InvalidCampaign("action.channel", "an offer needs its discount: build it as an Offer");
            }
            content = checkContent(content, "action");
            destinationName = destinationName == null ? null : DestinationName.check(destinationName, "action.destination");
        }

        public Message(Channel channel, String content) {
            this(channel, content, null);
        }

        @Override
        public Optional<String> destination() {
            return Optional.ofNullable(destinationName);
        }

        @Override
        public Optional<BigDecimal> discountPercent() {
            return Optional.empty();
        }
    }

    record Offer(BigDecimal percent, String content, String destinationName) implements Action {

        public Offer {
            percent = checkPercent(percent, "action");
            content = checkContent(content, "action");
            destinationName = destinationName == null ? null : DestinationName.check(destinationName, "action.destination");
        }

        public Offer(BigDecimal percent, String content) {
            this(percent, content, null);
        }

        @Override
        public Optional<String> destination() {
            return Optional.ofNullable(destinationName);
        }

        @Override
        public Channel channel() {
            return Channel.OFFER;
        }

        @Override
        public Optional<BigDecimal> discountPercent() {
            return Optional.of(percent);
        }
    }

    private static String checkContent(String content, String field) {
        if (content == null || content.isBlank()) {
            throw new InvalidCampaign(field + ".content", field + " needs content: the message text or a template reference such as"
                    + " \"template:winback-1\"");
        }
        if (PlainText.longerThan(content.strip(), MAX_CONTENT_LENGTH)) {
            throw new InvalidCampaign(field + ".content", field + ".content has " + PlainText.characters(content.strip()) + " characters; at most "
                    + MAX_CONTENT_LENGTH + " are allowed: put long texts into a template and reference it");
        }
        PlainText.refusal(field + ".content", content).ifPresent(why -> {
            throw new InvalidCampaign(field + ".content", why);
        });
        return content.strip();
    }

    private static BigDecimal checkPercent(BigDecimal percent, String field) {
        if (percent == null || percent.signum() <= 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0 || percent.stripTrailingZeros().scale() > 2) {
            throw new InvalidCampaign(field + ".discountPercent", field + ".discountPercent is " + PlainText.echo(String.valueOf(percent))
                    + "; give a discount above 0 and at most 100 percent, with at most 2 decimals");
        }
        return percent;
    }
}
