package io.strata.application.settings;

/** A setting outside its {@link SettingRange}: the message is the one line the start stops on. */
public class SettingOutOfRange extends IllegalArgumentException {

    public SettingOutOfRange(String message) {
        super(message);
    }
}
