package io.strata.application.campaign.port.in;

import java.util.Optional;

import io.strata.domain.edit.Revision;

import io.strata.domain.campaign.Channel;
import io.strata.domain.campaign.FrequencyCap;

import java.util.List;

/** In-port: admins cap how often one customer is contacted per channel, across all campaigns. */
public interface SetFrequencyCaps {

    List<FrequencyCap> caps();

    /** Sets or replaces the channel's cap; later launches leave out (and count) the members who reached it. */
    default FrequencyCap setCap(FrequencyCap cap) {
        return setCap(cap, null);
    }

    /**
     * Sets or replaces the channel's cap if it is still in one of the revisions {@code seen} (what the editor read, where
     * having no cap is a revision too; null: whatever it is now); otherwise {@link io.strata.application.audit.EditedMeanwhile}.
     */
    FrequencyCap setCap(FrequencyCap cap, List<Revision> seen);

    /** The channel's cap, if it has one. */
    Optional<FrequencyCap> cap(Channel channel);

    /** The revision of a channel's cap as stored, or of its having none ({@code cap} empty). */
    static Revision revisionOf(Channel channel, Optional<FrequencyCap> cap) {
        return Revision.of("frequency_cap", channel.key(), cap.map(Object::toString).orElse("none"));
    }

    /** Lifts the channel's cap; false when it had none. */
    default boolean removeCap(Channel channel) {
        return removeCap(channel, null);
    }

    /** {@link #removeCap(Channel)} if the cap is still in one of the revisions {@code seen} (null: whatever it is now). */
    boolean removeCap(Channel channel, List<Revision> seen);
}
