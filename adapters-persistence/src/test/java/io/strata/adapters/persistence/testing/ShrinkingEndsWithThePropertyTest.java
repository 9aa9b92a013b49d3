package io.strata.adapters.persistence.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.EngineFilter.includeEngines;

/**
 * {@link ShrinkingEndsWithTheProperty}: when jqwik gives up a failed property's shrinking at its bound (2 s here, while
 * the shrinking's first try is held), the property returns only after that try has ended, and the try the shrinking
 * asks for afterwards is not run.
 * {@link FalsifiedAlwaysProperty} is run through the JUnit Platform launcher in this JVM, with the hook registered as in
 * every run of this module (its service file); jqwik's failure database is a temporary file.
 */
class ShrinkingEndsWithThePropertyTest {

    @TempDir
    Path jqwikDatabase;

    @Test
    void noTryOfAFailedPropertyRunsAfterItReturned() throws InterruptedException {
        FalsifiedAlwaysProperty.reset();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(FalsifiedAlwaysProperty.class))
                .filters(includeEngines("jqwik"))
                .configurationParameter("jqwik.database", jqwikDatabase.resolve("jqwik-database").toString())
                .configurationParameter("jqwik.shrinking.bounded.seconds", "2")
                .build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();

        LauncherFactory.create().execute(request, listener);
        int running = FalsifiedAlwaysProperty.RUNNING.get();
        FalsifiedAlwaysProperty.left.countDown();

        TestExecutionSummary summary = listener.getSummary();
        assertThat(summary.getTotalFailureCount()).as("the property fails").isEqualTo(1);
        assertThat(summary.getFailures().get(0).getException()).as("with its own falsification")
                .isInstanceOf(AssertionError.class).hasMessageContaining("falsified on purpose");
        assertThat(running).as("tries running when the property had returned").isZero();
        assertThat(FalsifiedAlwaysProperty.askedAfterLeft.await(FalsifiedAlwaysProperty.SAFETY_SECONDS, TimeUnit.SECONDS))
                .as("the shrinking asked for a try after the property returned").isTrue();
        assertThat(FalsifiedAlwaysProperty.RAN_AFTER_LEFT.get()).as("tries run after the property returned").isZero();
        assertThat(FalsifiedAlwaysProperty.TRIES.get()).as("tries: the falsified one and the first of the shrinking").isEqualTo(2);
    }
}
