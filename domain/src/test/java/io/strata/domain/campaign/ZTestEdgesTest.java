package io.strata.domain.campaign;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A group without customers has no rate to compare: no test, rather than a NaN. */
class ZTestEdgesTest {

    @Test
    void anEmptyGroupOnEitherSideGivesNoTest() {
        assertThat(ZTest.of(0, 0, 3, 10)).isEmpty();
        assertThat(ZTest.of(3, 10, 0, 0)).isEmpty();
        assertThat(ZTest.of(1, 1, 0, 1)).isPresent();
    }

    @Test
    void convertersOutsideZeroToTheGroupsCustomersAreRefused() {
        assertThatThrownBy(() -> ZTest.of(11, 10, 3, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ZTest.of(3, 10, -1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ZTest.of(10, 10, 0, 10)).isPresent();
    }
}
