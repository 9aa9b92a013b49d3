package io.strata.adapters.persistence.testing;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.AroundTryHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import net.jqwik.api.lifecycle.TryExecutionResult;
import net.jqwik.api.lifecycle.TryExecutor;
import net.jqwik.api.lifecycle.TryLifecycleContext;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * No try of a property runs once the property has returned: the shrinking that jqwik leaves running after its bound
 * stops at its next try, and the property waits for a try still in flight before it returns. Registered globally (this
 * module's {@code META-INF/services/net.jqwik.api.lifecycle.LifecycleHook}, which its test jar carries too), so it holds
 * for every property of the modules that test against the embedded PostgreSQL: this one, bootstrap, the Spark adapter
 * and the Spark job.
 *
 * <p>Why: jqwik 1.9.3 shrinks a failed property ({@code ShrinkingMode.BOUNDED}, the default) on a thread of the common
 * pool, waits for it at most {@code jqwik.shrinking.bounded.seconds} (10 s) and then reports the smallest sample found
 * so far, but only sets a flag: the shrinking goes on running the property's tries. On the shared test database those
 * tries kept loading populations while the next classes of the JVM ran, and one real failure showed as dozens of
 * unrelated ones (docs/testing.md, "Shrinking of a failed property"). {@code ShrinkingMode.FULL} runs on the property's
 * own thread but without any bound (jqwik's candidates alone can keep it busy for minutes), and {@code OFF} reports the
 * sample as it first failed; with this hook jqwik keeps its bounded shrinking and its report, and the database is the
 * next class's alone once the property has returned.
 *
 * <p>How: each property execution has a gate (found by the property's container instance, one per property in jqwik);
 * every try runs holding it, and the property closes it after jqwik has returned from the property, waiting for a try in
 * flight. A try asked for later is not run: {@link ShrinkingAbandoned} (an {@link Error}, which jqwik passes on rather
 * than counting it as a falsification) ends the shrinking thread's work, whose result nobody waits for any more.
 */
public class ShrinkingEndsWithTheProperty implements AroundPropertyHook, AroundTryHook {

    /** Outside every other hook of a property and of a try, so that a refused try runs none of them either. */
    static final int PROXIMITY = -1_000;

    private static final Logger LOG = Logger.getLogger(ShrinkingEndsWithTheProperty.class.getName());
    private static final Map<Object, Gate> GATES = Collections.synchronizedMap(new WeakHashMap<>());

    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public int aroundPropertyProximity() {
        return PROXIMITY;
    }

    @Override
    public int aroundTryProximity() {
        return PROXIMITY;
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        Gate gate = new Gate(context.label());
        GATES.put(context.testInstance(), gate);
        try {
            return property.execute();
        } finally {
            gate.close();
        }
    }

    @Override
    public TryExecutionResult aroundTry(TryLifecycleContext context, TryExecutor aTry, List<Object> parameters) {
        Gate gate = GATES.get(context.testInstance());
        return gate == null ? aTry.execute(parameters) : gate.run(aTry, parameters);
    }

    /** The end of a try asked for after its property returned (jqwik's shrinking, left running after its bound). */
    public static final class ShrinkingAbandoned extends Error {
        ShrinkingAbandoned(String property) {
            super(property + " has returned: the shrinking jqwik left running after its bound stops here instead of running another try");
        }
    }

    /** One property execution: open while it runs, closed for good when it has returned. */
    private static final class Gate {
        private final String property;
        private final ReentrantLock lock = new ReentrantLock();
        private boolean closed;
        private boolean refused;

        Gate(String property) {
            this.property = property;
        }

        TryExecutionResult run(TryExecutor aTry, List<Object> parameters) {
            lock.lock();
            try {
                if (closed) {
                    if (!refused) {
                        refused = true;
                        LOG.warning(() -> property + ": a try asked for after the property returned was not run; the shrinking left "
                                + "running after jqwik's bound ends here (ShrinkingEndsWithTheProperty)");
                    }
                    throw new ShrinkingAbandoned(property);
                }
                return aTry.execute(parameters);
            } finally {
                lock.unlock();
            }
        }

        /** Waits for a try in flight (on the shrinking's thread) to end. */
        void close() {
            lock.lock();
            try {
                closed = true;
            } finally {
                lock.unlock();
            }
        }
    }
}
