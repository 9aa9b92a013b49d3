package io.strata.application.settings;

/**
 * The range of one setting, whatever its kind ({@link SettingRange} for numbers, {@link DurationRange} for durations):
 * what a start with a value that is not of its kind stops on names the range too ("… is 'abc', which Strata cannot read
 * as a duration; give a duration from PT0S to PT1H, or leave it unset for PT0.5S").
 */
public interface SettingBounds {

    /** The setting's key: strata.dispatch.webhook-backoff. */
    String key();

    /** What a value that is none is not: "a whole number", "a number", "a duration". */
    String kind();

    /** The line a start with {@code value} stops on; {@code why} says what is wrong beyond its being out of range, or is empty. */
    String refusal(String value, String why);
}
