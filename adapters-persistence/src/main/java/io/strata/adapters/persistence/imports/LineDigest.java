package io.strata.adapters.persistence.imports;

import java.math.BigDecimal;

/**
 * A 128-bit digest of the lines of one run of an order ({@link LineRuns}): amount, quantity, category, sku and channel
 * of each line, in line order. A re-import keeps a stored order whose digest, customer, time, total and line count equal
 * the staged order's ({@link OrderMerge}), so the digest must change whenever what is stored of the lines would.
 *
 * <p>Two independent 64-bit lanes of multiply-rotate mixing, each finished with MurmurHash3's finaliser: cheap per
 * line (the stream is bound by the application's CPU) and not cryptographic. An accidental collision between the old
 * and the new lines of one order is of the order of 2^-128; a sender who crafts one only keeps their own old lines.
 * Decimals are hashed by value at scale 4 (the columns' scale), so {@code 10.5} and {@code 10.50} agree as stored;
 * a missing value and an empty one differ (conservative: at worst an order is rewritten for nothing).
 */
final class LineDigest {

    private static final long P1 = 0x9E3779B97F4A7C15L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;
    private static final long P4 = 0xD6E8FEB86659FD93L;
    private static final long NULL_MARK = 0x5a17_0000_0000_0001L;
    private static final long[] TEN_TO = {1L, 10L, 100L, 1_000L, 10_000L};

    private long a;
    private long b;
    private long values;

    LineDigest() {
        reset();
    }

    void reset() {
        a = 0x243F6A8885A308D3L;
        b = 0x13198A2E03707344L;
        values = 0;
    }

    /** Adds one line. */
    void addLine(BigDecimal amount, BigDecimal quantity, String category, String sku, String channel) {
        add(amount);
        add(quantity);
        add(category);
        add(sku);
        add(channel);
    }

    private void mix(long v) {
        a = Long.rotateLeft(a ^ (v * P1), 31) * P2;
        b = Long.rotateLeft(b ^ (v * P3), 27) * P4 + 0x52DCE729L;
        values++;
    }

    private void add(BigDecimal value) {
        if (value == null) {
            mix(NULL_MARK);
            return;
        }
        int scale = value.scale();
        if (scale >= 0 && scale <= 4 && value.unscaledValue().bitLength() < 48) {
            mix(1);
            mix(value.unscaledValue().longValue() * TEN_TO[4 - scale]);
        } else {
            // rare: hashed by its canonical text (equal values, equal text)
            add(value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString());
        }
    }

    private void add(String value) {
        if (value == null) {
            mix(NULL_MARK);
            return;
        }
        int length = value.length();
        mix(2 + ((long) length << 8));
        int i = 0;
        for (; i + 4 <= length; i += 4) {
            mix((long) value.charAt(i) << 48 | (long) value.charAt(i + 1) << 32 | (long) value.charAt(i + 2) << 16 | value.charAt(i + 3));
        }
        long rest = 0;
        for (; i < length; i++) {
            rest = rest << 16 | value.charAt(i);
        }
        if (rest != 0 || length % 4 != 0) {
            mix(rest);
        }
    }

    long high() {
        return fmix(a ^ values);
    }

    long low() {
        return fmix(b ^ Long.rotateLeft(a, 17) ^ values * P3);
    }

    private static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xFF51AFD7ED558CCDL;
        k ^= k >>> 33;
        k *= 0xC4CEB9FE1A85EC53L;
        k ^= k >>> 33;
        return k;
    }
}
