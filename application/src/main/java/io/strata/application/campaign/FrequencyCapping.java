package io.strata.application.campaign;

import java.util.Optional;

import io.strata.application.audit.EditCheck;

import io.strata.domain.edit.Revision;

import io.strata.application.audit.AuditAction;
import io.strata.application.audit.AuditEntry;
import io.strata.application.audit.port.out.AuditTrail;
import io.strata.application.audit.port.out.CurrentActor;
import io.strata.application.audit.port.out.Transactions;
import io.strata.application.campaign.port.in.SetFrequencyCaps;
import io.strata.application.campaign.port.out.FrequencyCaps;
import io.strata.domain.campaign.Channel;
import io.strata.domain.campaign.FrequencyCap;

import java.util.List;

/** Stores frequency caps with their audit entries; launches apply them (see {@link port.out.CampaignAudiences#freeze}). */
public final class FrequencyCapping implements SetFrequencyCaps {

    private final FrequencyCaps caps;
    private final AuditTrail audit;
    private final CurrentActor actor;
    private final Transactions transactions;

    public FrequencyCapping(FrequencyCaps caps, AuditTrail audit, CurrentActor actor, Transactions transactions) {
        this.caps = caps;
        this.audit = audit;
        this.actor = actor;
        this.transactions = transactions;
    }

    @Override
    public List<FrequencyCap> caps() {
        return caps.all();
    }

    @Override
    public Optional<FrequencyCap> cap(Channel channel) {
        return caps.of(channel);
    }

    @Override
    public FrequencyCap setCap(FrequencyCap cap, List<Revision> seen) {
        return transactions.inOne(() -> {
            caps.lockForChange(cap.channel());
            Optional<FrequencyCap> before = caps.of(cap.channel());
            requireSeen(cap.channel(), before, seen);
            boolean existed = before.isPresent();
            caps.put(cap, actor.name());
            audit.record(AuditEntry.of(actor.name(), existed ? AuditAction.CHANGED : AuditAction.CREATED, "frequency_cap", cap.channel().key())
                    .withDetail("at most " + cap.maxDeliveries() + " per customer in " + cap.windowDays() + " days"));
            return cap;
        });
    }

    @Override
    public boolean removeCap(Channel channel, List<Revision> seen) {
        return transactions.inOne(() -> {
            caps.lockForChange(channel);
            requireSeen(channel, caps.of(channel), seen);
            boolean removed = caps.remove(channel);
            if (removed) {
                audit.record(AuditEntry.of(actor.name(), AuditAction.REMOVED, "frequency_cap", channel.key()));
            }
            return removed;
        });
    }

    private void requireSeen(Channel channel, Optional<FrequencyCap> current, List<Revision> seen) {
        new EditCheck(audit).require(seen, SetFrequencyCaps.revisionOf(channel, current), "The frequency cap of channel " + channel.key(),
                "frequency_cap", channel.key());
    }
}
