package io.strata.domain.campaign;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlwaysOnStateTest {

    @Test
    void anActiveCampaignPausesAndStopsAPausedOneResumesAndStopsAStoppedOneDoesNothing() {
        assertThat(AlwaysOnState.ACTIVE.pause()).isEqualTo(AlwaysOnState.PAUSED);
        assertThat(AlwaysOnState.PAUSED.resume()).isEqualTo(AlwaysOnState.ACTIVE);
        assertThat(AlwaysOnState.ACTIVE.stop()).isEqualTo(AlwaysOnState.STOPPED);
        assertThat(AlwaysOnState.PAUSED.stop()).isEqualTo(AlwaysOnState.STOPPED);
        assertThat(AlwaysOnState.STOPPED.allowed()).isEmpty();
    }

    @Test
    void aRefusedChangeSaysWhatIsAllowedInstead() {
        assertThatThrownBy(AlwaysOnState.ACTIVE::resume).hasMessage("an always-on campaign that is ACTIVE cannot resume; from ACTIVE it can"
                + " only pause or stop");
        assertThatThrownBy(AlwaysOnState.PAUSED::pause).hasMessageContaining("only resume or stop");
        assertThatThrownBy(AlwaysOnState.STOPPED::resume).hasMessageContaining("it has stopped for good");
    }
}
