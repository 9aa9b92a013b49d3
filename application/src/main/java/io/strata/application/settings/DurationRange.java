package io.strata.application.settings;

import java.time.Duration;

/**
 * The durations a duration setting may take, both bounds included, written once beside the settings record that reads
 * it, and the one line a start with another stops on ("STRATA_DISPATCH_WEBHOOK_BACKOFF (strata.dispatch.webhook-backoff)
 * is PT-1S; give a duration from PT0S to PT1H, or leave it unset for PT0.5S"). Durations are shown as Java writes them
 * (ISO 8601), which is also a form every duration setting takes; {@code 500ms}, {@code 30s}, {@code 5m} are taken too.
 */
public record DurationRange(String key, Duration least, Duration most, Duration unset) implements SettingBounds {

    public DurationRange {
        if (least.compareTo(most) > 0 || unset.compareTo(least) < 0 || unset.compareTo(most) > 0) {
            throw new IllegalArgumentException(key + ": the default " + unset + " must lie within " + least + " to " + most);
        }
    }

    /** From {@code least} to {@code most}, both included. */
    public static DurationRange of(String key, Duration least, Duration most, Duration unset) {
        return new DurationRange(key, least, most, unset);
    }

    /** The environment variable of the key, as Spring Boot reads it: STRATA_DISPATCH_WEBHOOK_BACKOFF. */
    public String variable() {
        return SettingRange.variableOf(key);
    }

    /** "a duration from PT0S to PT1H". */
    public String allowed() {
        return "a duration from " + least + " to " + most;
    }

    @Override
    public String kind() {
        return "a duration";
    }

    @Override
    public String refusal(String value, String why) {
        return variable() + " (" + key + ") is " + value + why + "; give " + allowed() + ", or leave it unset for " + unset;
    }

    public Duration check(Duration value) {
        if (value.compareTo(least) < 0 || value.compareTo(most) > 0) {
            throw new SettingOutOfRange(refusal(value.toString(), ""));
        }
        return value;
    }
}
