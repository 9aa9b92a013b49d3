package io.strata.domain.campaign;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GlobalHoldoutTest {

    @Test
    void theHashIsTheFirstEightBytesOfSha256OfTheDrawAndTheCustomer() {
        // python3: int.from_bytes(hashlib.sha256(b"holdout:1:w04").digest()[:8], "big") = 1320998246210896497 (7.1611 % of 2^64)
        assertThat(GlobalHoldout.hash("holdout:1", "w04")).isEqualTo(new BigInteger("1320998246210896497"));
        assertThat(new GlobalHoldout(new BigDecimal("7.17"), 1).holdsOut("w04")).isTrue();
        assertThat(new GlobalHoldout(new BigDecimal("7.16"), 1).holdsOut("w04")).isFalse();
        // another draw, other customers: "holdout:2:w04" lands elsewhere
        assertThat(new GlobalHoldout(new BigDecimal("7.17"), 2).holdsOut("w04")).isFalse();
    }

    @Test
    void theDefaultIsFivePercentOfTheFirstDrawWhoseThresholdTheChangesetStores() {
        assertThat(GlobalHoldout.standard()).isEqualTo(new GlobalHoldout(new BigDecimal("5"), 1));
        assertThat(GlobalHoldout.standard().threshold()).isEqualByComparingTo("922337203685477580.8");
        assertThat(GlobalHoldout.standard().key()).isEqualTo("holdout:1");
    }

    @Test
    void aShareOutsideZeroToFiftyOrWithThreeDecimalsIsRefusedNamingTheField() {
        for (String share : new String[] {"50.01", "-0.01", "12.345", "100"}) {
            assertThatThrownBy(() -> new GlobalHoldout(new BigDecimal(share), 1)).as(share)
                    .isInstanceOfSatisfying(InvalidCampaign.class, e -> assertThat(e.field()).isEqualTo("sharePercent"));
        }
        assertThat(new GlobalHoldout(BigDecimal.ZERO, 1).holdsOut("anyone")).isFalse();
        assertThat(new GlobalHoldout(new BigDecimal("50"), 1).threshold()).isEqualByComparingTo(new BigDecimal(BigInteger.ONE.shiftLeft(63)));
    }

    @Test
    void changingTheShareKeepsTheDrawAndOnlyARedrawChangesIt() {
        GlobalHoldout holdout = new GlobalHoldout(new BigDecimal("5"), 3);
        assertThat(holdout.withShare(new BigDecimal("10"))).isEqualTo(new GlobalHoldout(new BigDecimal("10"), 3));
        assertThat(holdout.redrawn()).isEqualTo(new GlobalHoldout(new BigDecimal("5"), 4));
    }
}
