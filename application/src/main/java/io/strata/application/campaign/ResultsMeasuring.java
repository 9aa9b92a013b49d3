package io.strata.application.campaign;

/** Measures a launched campaign's results now and keeps them for its page (at its launch and its completion). */
public interface ResultsMeasuring {

    void measure(long campaignId);
}
