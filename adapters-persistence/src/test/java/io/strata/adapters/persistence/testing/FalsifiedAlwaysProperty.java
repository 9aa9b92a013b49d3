package io.strata.adapters.persistence.testing;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.AroundTryHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import net.jqwik.api.lifecycle.TryExecutionResult;
import net.jqwik.api.lifecycle.TryExecutor;
import net.jqwik.api.lifecycle.TryLifecycleContext;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A property that every sample falsifies, run only by {@link ShrinkingEndsWithThePropertyTest} through the JUnit
 * Platform launcher (its name is none of the suite's test patterns). Its first shrinking try is held until jqwik has
 * returned from the property ({@link Watch}, inside {@link ShrinkingEndsWithTheProperty}), so that the shrinking is
 * still under way then; a try asked for after that is held outside the gate until the test has seen the property end
 * ({@link #LEFT}), so that the shrinking certainly asks for one more try once the property has returned.
 */
class FalsifiedAlwaysProperty {

    static final long SAFETY_SECONDS = 30;

    /** jqwik has returned from the property (its bounded shrinking given up), inside the gate. */
    static CountDownLatch returned;
    /** The test has seen the launcher return: the property is over for the next class. */
    static CountDownLatch left;
    /** A try was asked for after {@link #left}, whatever became of it. */
    static CountDownLatch askedAfterLeft;
    static final AtomicInteger TRIES = new AtomicInteger();
    static final AtomicInteger RUNNING = new AtomicInteger();
    static final AtomicInteger RAN_AFTER_LEFT = new AtomicInteger();

    static void reset() {
        returned = new CountDownLatch(1);
        left = new CountDownLatch(1);
        askedAfterLeft = new CountDownLatch(1);
        TRIES.set(0);
        RUNNING.set(0);
        RAN_AFTER_LEFT.set(0);
    }

    @Property(tries = 5, seed = "50")
    @AddLifecycleHook(Watch.class)
    void everySampleFails(@ForAll @Size(min = 20, max = 30) List<@IntRange(min = 1, max = 1_000) Integer> values)
            throws InterruptedException {
        RUNNING.incrementAndGet();
        try {
            if (left.getCount() == 0) {
                RAN_AFTER_LEFT.incrementAndGet();
            }
            if (TRIES.incrementAndGet() == 2) {
                // the shrinking's first try: still running when jqwik gives the shrinking up
                returned.await(SAFETY_SECONDS, TimeUnit.SECONDS);
            }
            throw new AssertionError("falsified on purpose: " + values.size() + " values");
        } finally {
            RUNNING.decrementAndGet();
        }
    }

    /** Marks jqwik's return from the property (inside the gate) and holds the tries asked for after it (outside). */
    public static class Watch implements AroundPropertyHook, AroundTryHook {

        @Override
        public int aroundPropertyProximity() {
            return ShrinkingEndsWithTheProperty.PROXIMITY + 1;
        }

        @Override
        public int aroundTryProximity() {
            return ShrinkingEndsWithTheProperty.PROXIMITY - 1;
        }

        @Override
        public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
            try {
                return property.execute();
            } finally {
                returned.countDown();
            }
        }

        @Override
        public TryExecutionResult aroundTry(TryLifecycleContext context, TryExecutor aTry, List<Object> parameters)
                throws InterruptedException {
            if (returned.getCount() > 0) {
                return aTry.execute(parameters);
            }
            left.await(SAFETY_SECONDS, TimeUnit.SECONDS);
            try {
                return aTry.execute(parameters);
            } finally {
                askedAfterLeft.countDown();
            }
        }
    }
}
