package io.strata.application.segmentation.port.out;

/**
 * Out-port: the CPU priority of the work a run does beside its assignment (its predictions, on the assignment's
 * snapshot). The assignment's statements use both cores for part of their time and one for the rest; work beside it at
 * a lower priority takes what the assignment leaves (and everything once the assignment is done), instead of taking
 * half of the cores from it (docs/predictions.md, "Beside the assignment").
 */
public interface CpuPriority {

    /**
     * Lowers the calling thread's CPU priority, and that of the database work done for it, until the answer is closed;
     * the thread itself keeps the lower priority (it must be a thread of its own, ended with its work). Does nothing
     * where the system does not allow it.
     */
    Lowered lowerCurrentThread();

    /** Every thread at the priority it has. */
    CpuPriority UNCHANGED = () -> () -> { };

    /** Closed when the work that runs at the lower priority is done. */
    interface Lowered extends AutoCloseable {
        @Override
        void close();
    }
}
