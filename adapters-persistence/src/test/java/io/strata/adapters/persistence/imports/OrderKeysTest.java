package io.strata.adapters.persistence.imports;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OrderKeysTest {

    /** Blocks start at 1, 65537, 131073, … as the sequence order_key_blocks (increment 65536) answers them. */
    private final List<Integer> reservations = new ArrayList<>();
    private long nextBlock = 1;

    private long[] reserve(int count) {
        reservations.add(count);
        long[] starts = new long[count];
        for (int i = 0; i < count; i++) {
            starts[i] = nextBlock;
            nextBlock += 65_536;
        }
        return starts;
    }

    @Test
    void keysRunOnWithinABlockAndJumpToTheNextBlockWhenItIsUsedUp() {
        OrderKeys keys = new OrderKeys(this::reserve);

        assertThat(keys.next()).isEqualTo(1);
        assertThat(keys.next()).isEqualTo(2);
        for (int i = 3; i <= 65_536; i++) {
            keys.next();
        }
        assertThat(keys.next()).isEqualTo(65_537);
        assertThat(reservations).containsExactly(1, 2);
    }

    @Test
    void eachReservationTakesTwiceTheBlocksOfTheLastUpToSixtyFour() {
        OrderKeys keys = new OrderKeys(this::reserve);

        for (long i = 0; i < 191L * 65_536; i++) {
            keys.next();
        }

        // 1 + 2 + 4 + 8 + 16 + 32 + 64 = 127 blocks, then 64 more: 191 blocks in eight reservations
        assertThat(reservations).containsExactly(1, 2, 4, 8, 16, 32, 64, 64);
        keys.next();
        assertThat(reservations).containsExactly(1, 2, 4, 8, 16, 32, 64, 64, 64);
    }

    @Test
    void noReservationBeforeTheFirstKeyIsAskedFor() {
        new OrderKeys(this::reserve);

        assertThat(reservations).isEmpty();
    }
}
