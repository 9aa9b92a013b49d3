package io.strata.application.segmentation;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A run's follow-up step waits for the previews in progress (each step calls {@link PreviewsFirst#awaitNone}), so the
 * order of events is the oracle: "preview answered" before "step begins" when a preview was in progress. No timing
 * is asserted except that a preview that never ends stops no step for longer than the bound given.
 */
class PreviewsFirstTest {

    @Test
    void withNoPreviewInProgressAStepBeginsAtOnce() {
        assertThat(new PreviewsFirst(Duration.ofDays(1)).awaitNone()).isFalse();
    }

    @Test
    void aStepBeginsOnceThePreviewInProgressHasAnswered() throws Exception {
        PreviewsFirst previewsFirst = new PreviewsFirst(Duration.ofDays(1));
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch previewStarted = new CountDownLatch(1);
        CountDownLatch previewMayAnswer = new CountDownLatch(1);
        CompletableFuture<Long> preview = CompletableFuture.supplyAsync(() -> previewsFirst.during(() -> {
            previewStarted.countDown();
            await(previewMayAnswer);
            events.add("preview answered");
            return 42L;
        }));
        assertThat(previewStarted.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> step = CompletableFuture.runAsync(() -> {
            previewsFirst.awaitNone();
            events.add("step begins");
        });
        // the step is held while the preview is in progress (it has not begun when the preview is let go)
        Thread.sleep(200);
        events.add("preview let go");
        previewMayAnswer.countDown();

        assertThat(preview.get(10, TimeUnit.SECONDS)).isEqualTo(42L);
        step.get(10, TimeUnit.SECONDS);
        assertThat(events).containsExactly("preview let go", "preview answered", "step begins");
    }

    @Test
    void aFailedPreviewIsNoLongerInProgress() {
        PreviewsFirst previewsFirst = new PreviewsFirst(Duration.ofDays(1));

        assertThatThrownBy(() -> previewsFirst.during(() -> {
            throw new IllegalStateException("the rule's statement failed");
        })).hasMessage("the rule's statement failed");

        assertThat(previewsFirst.awaitNone()).as("waited").isFalse();
    }

    @Test
    void aPreviewThatNeverAnswersHoldsAStepNoLongerThanTheBound() throws Exception {
        PreviewsFirst previewsFirst = new PreviewsFirst(Duration.ofMillis(100));
        CountDownLatch previewStarted = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        CompletableFuture.runAsync(() -> previewsFirst.during(() -> {
            previewStarted.countDown();
            await(never);
            return null;
        }));
        assertThat(previewStarted.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(CompletableFuture.supplyAsync(previewsFirst::awaitNone).get(10, TimeUnit.SECONDS)).as("waited, then went on").isTrue();
        never.countDown();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
