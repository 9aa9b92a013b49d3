package io.strata.bootstrap.schedule;

import com.github.kagkarlsson.scheduler.event.ExecutionChain;
import com.github.kagkarlsson.scheduler.event.ExecutionInterceptor;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import io.strata.adapters.persistence.database.DatabaseReach;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicReference;

/**
 * db-scheduler's completion of the look's execution (its reschedule: the row picked no more, due again after
 * {@code check-every}) done again, at each poll, when it failed because the database was out of reach, until the
 * database answers. Before, the execution stayed picked in {@code scheduled_tasks}, and the look ran again only once
 * db-scheduler found it dead by its missed heartbeats (5 minutes × 6 by its defaults, found at its check every 10
 * minutes): half an hour and more after the database came back with no scheduled run, no automatic launch, no sweep and
 * no relay of the outbox (docs/architecture.md, "When the database goes away").
 *
 * <p>Safe with several nodes (docs/architecture.md): the late completion is db-scheduler's own statement, which changes
 * the row only if its version is still the one this node picked ({@code where version = ?}). Any other node's taking of
 * the execution meanwhile (a revival of a dead execution) moves the version on; the late completion then changes
 * nothing, and it is dropped. The look on this node has returned before its completion began, so releasing the row never
 * lets two looks run at once. Nothing here goes by db-scheduler's scheduler name, which is the host's name and so the
 * same for every node of one host.
 */
final class LateCompletion implements ExecutionInterceptor {

    private static final Logger log = LoggerFactory.getLogger(LateCompletion.class);

    /** The completion the database's going away left undone, if any (one task, one instance: at most one). */
    private final AtomicReference<Runnable> undone = new AtomicReference<>();
    /** Asks the scheduler to poll at once, so that the released look runs without waiting for the next poll. */
    private final Runnable pollNow;

    LateCompletion(Runnable pollNow) {
        this.pollNow = pollNow;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public CompletionHandler<?> execute(TaskInstance<?> instance, ExecutionContext context, ExecutionChain chain) {
        CompletionHandler completion = chain.proceed(instance, context);
        return (CompletionHandler) (complete, operations) -> {
            try {
                completion.complete(complete, operations);
            } catch (RuntimeException failure) {
                if (DatabaseReach.lost(failure)) {
                    undone.set(() -> completion.complete(complete, operations));
                }
                // db-scheduler's own line of it is taken out of the log by OutageTraces: the scheduler's reach says it once
                throw failure;
            }
        };
    }

    /** Tries the completion left undone, if any (at each poll). */
    void completeWhatWasLeft() {
        Runnable left = undone.get();
        if (left == null) {
            return;
        }
        try {
            left.run();
        } catch (RuntimeException failure) {
            if (DatabaseReach.lost(failure)) {
                return; // tried again at the next poll; the scheduler's reach has said once that the database is away
            }
            undone.compareAndSet(left, null);
            log.info("The look at the clock ({}) was taken up meanwhile (by db-scheduler's check of dead executions, or its "
                    + "completion went through after all); nothing is left to complete: {}", DueWorkScheduler.TASK, failure.getMessage());
            return;
        }
        undone.compareAndSet(left, null);
        log.info("The look at the clock ({}), left picked when the database went away, is completed now that the database "
                + "answers; it runs again when it is due.", DueWorkScheduler.TASK);
        pollNow.run();
    }
}
