package io.strata.application.campaign;

/** How far the outbox of one campaign got. */
public record DeliveryCounts(long pending, long sent, long failed) {

    public long total() {
        return pending + sent + failed;
    }
}
