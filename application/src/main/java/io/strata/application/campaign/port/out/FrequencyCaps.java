package io.strata.application.campaign.port.out;

import io.strata.domain.campaign.Channel;
import io.strata.domain.campaign.FrequencyCap;

import java.util.List;
import java.util.Optional;

/** Out-port: the frequency caps per channel; a launch reads them in the same statement that freezes the audience. */
public interface FrequencyCaps {

    /** Every cap, in channel order. */
    List<FrequencyCap> all();

    Optional<FrequencyCap> of(Channel channel);

    /** Holds every other change of this channel's cap (whether it has one yet or not) until the current unit of work ends. */
    void lockForChange(Channel channel);

    /** Sets or replaces the channel's cap. */
    void put(FrequencyCap cap, String by);

    /** Lifts the channel's cap; false when it had none. */
    boolean remove(Channel channel);
}
