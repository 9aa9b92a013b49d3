package io.strata.application.campaign.port.in;

import io.strata.domain.campaign.Channel;
import io.strata.domain.campaign.FrequencyCap;

import java.util.List;

/** In-port: admins cap how often one customer is contacted per channel, across all campaigns. */
public interface SetFrequencyCaps {

    List<FrequencyCap> caps();

    /** Sets or replaces the channel's cap; later launches leave out (and count) the members who reached it. */
    FrequencyCap setCap(FrequencyCap cap);

    /** Lifts the channel's cap; false when it had none. */
    boolean removeCap(Channel channel);
}
