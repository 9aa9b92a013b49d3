package io.strata.adapters.persistence.segmentation;

/** Milliseconds per step of a run's work in the database (the assignment, the tactical memberships), in order, for the run's log. */
public final class StepTimes {
    private final StringBuilder text = new StringBuilder();
    private long since = System.nanoTime();

    public void done(String step) {
        long now = System.nanoTime();
        text.append(text.isEmpty() ? "" : ", ").append(step).append(' ').append((now - since) / 1_000_000).append(" ms");
        since = now;
    }

    /** Said of the step done last, in brackets after its time. */
    public void note(String note) {
        text.append(" (").append(note).append(')');
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
