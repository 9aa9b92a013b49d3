package io.strata.application.segmentation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 409 of a second run in the product's words (COMMON rule: what, where, how to fix). Probed with curl in session 51,
 * a run refused while the running one ended in between was answered "segmentation run null is still running".
 */
class RunInProgressTest {

    @Test
    void aRefusalNamesTheRunningRun() {
        assertThat(new RunInProgress(41L).getMessage())
                .isEqualTo("segmentation run 41 is still running; wait for it to finish, then start another");
    }

    @Test
    void aRefusalWhoseRunningRunIsNotKnownSaysAnotherRunNotNull() {
        assertThat(new RunInProgress(null).getMessage())
                .isEqualTo("another segmentation run is still running; wait for it to finish, then start another");
    }
}
