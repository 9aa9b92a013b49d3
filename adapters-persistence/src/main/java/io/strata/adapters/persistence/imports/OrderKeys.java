package io.strata.adapters.persistence.imports;

import java.util.function.IntFunction;

/**
 * Order keys for an import, handed out one by one from blocks of {@link #KEY_BLOCK} reserved in the sequence
 * {@code order_key_blocks}. Reserving blocks pauses the import's COPY, so each reservation takes twice as many blocks as
 * the last (up to {@link #MAX_BLOCKS_AT_ONCE}): a file of 2M orders pauses five times instead of thirty-one. Unused
 * keys are simply never used.
 */
final class OrderKeys {

    /** The increment of the sequence {@code order_key_blocks}: one nextval reserves this many keys. */
    static final int KEY_BLOCK = 65_536;

    /** The most key blocks one reservation takes: 64 blocks are 4M orders. */
    static final int MAX_BLOCKS_AT_ONCE = 64;

    private final IntFunction<long[]> reserveBlocks;
    private long[] blocks = new long[0];
    private int blocksTaken;
    private int blocksNext = 1;
    private long nextKey;
    private long keysLeft;

    /** {@code reserveBlocks} answers the first keys of that many new blocks. */
    OrderKeys(IntFunction<long[]> reserveBlocks) {
        this.reserveBlocks = reserveBlocks;
    }

    long next() {
        if (keysLeft == 0) {
            if (blocksTaken == blocks.length) {
                blocks = reserveBlocks.apply(blocksNext);
                blocksTaken = 0;
                blocksNext = Math.min(blocksNext * 2, MAX_BLOCKS_AT_ONCE);
            }
            nextKey = blocks[blocksTaken++];
            keysLeft = KEY_BLOCK;
        }
        keysLeft--;
        return nextKey++;
    }
}
