package io.strata.adapters.persistence.imports;

/**
 * The ids (of orders, of customers) an import has already seen, as a Bloom filter of fixed size (8 MiB): "maybe seen"
 * can be wrong, "not seen" never is. An id that comes back later in the file is therefore always noticed, at the
 * price of a few ids that are checked again for nothing (about one in ten thousand at a million ids); a file of tens
 * of millions of ids only makes that check longer, never wrong, and memory stays flat.
 */
final class SeenIds {

    private static final int BITS_LOG2 = 26;
    private static final int PROBES = 3;

    private final long[] bits = new long[1 << (BITS_LOG2 - 6)];

    /** Adds the id and says whether it may have been added before. */
    boolean addAndCheck(String id) {
        long hash = fnv1a(id);
        int h1 = (int) hash;
        int h2 = (int) (hash >>> 32) | 1;
        boolean seen = true;
        for (int i = 0; i < PROBES; i++) {
            int bit = (h1 + i * h2) >>> (32 - BITS_LOG2);
            long mask = 1L << (bit & 63);
            int word = bit >>> 6;
            if ((bits[word] & mask) == 0) {
                seen = false;
                bits[word] |= mask;
            }
        }
        return seen;
    }

    private static long fnv1a(String text) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            hash ^= text.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash ^ (hash >>> 29);
    }
}
