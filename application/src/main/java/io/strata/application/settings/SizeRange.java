package io.strata.application.settings;

/**
 * The sizes a size setting may take, in bytes, both bounds included, written once beside the settings record that reads
 * it, and the one line a start with another stops on ("STRATA_DB_TUNING_WORK_MEM (strata.db.tuning.work-mem) is 1B; give
 * a size from 64KB to 1TB, or leave it unset for 256MB"). Sizes are shown in the largest unit that holds them whole, as
 * Spring reads them (1KB = 1024 bytes); a setting also takes {@code 512MB}, {@code 4GB} or a number of bytes.
 */
public record SizeRange(String key, long least, long most, long unset) implements SettingBounds {

    private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB"};

    public SizeRange {
        if (least < 0 || least > most || unset < least || unset > most) {
            throw new IllegalArgumentException(key + ": the default " + shown(unset) + " must lie within " + shown(least) + " to " + shown(most));
        }
    }

    /** From {@code least} to {@code most} bytes, both included. */
    public static SizeRange of(String key, long least, long most, long unset) {
        return new SizeRange(key, least, most, unset);
    }

    /** The environment variable of the key, as Spring Boot reads it: STRATA_DB_TUNING_WORK_MEM. */
    public String variable() {
        return SettingRange.variableOf(key);
    }

    /** "a size from 64KB to 1TB". */
    public String allowed() {
        return "a size from " + shown(least) + " to " + shown(most);
    }

    @Override
    public String kind() {
        return "a size";
    }

    @Override
    public String refusal(String value, String why) {
        return variable() + " (" + key + ") is " + value + why + "; give " + allowed() + ", or leave it unset for " + shown(unset);
    }

    /** {@code bytes}, if within the range. */
    public long check(long bytes) {
        if (bytes < least || bytes > most) {
            throw new SettingOutOfRange(refusal(shown(bytes), ""));
        }
        return bytes;
    }

    /** 65536 → "64KB", 1500 → "1500B", -1 → "-1B": the largest unit of 1024 that divides it. */
    public static String shown(long bytes) {
        int unit = 0;
        long value = bytes;
        while (unit < UNITS.length - 1 && value != 0 && value % 1024 == 0) {
            value /= 1024;
            unit++;
        }
        return value + UNITS[unit];
    }
}
