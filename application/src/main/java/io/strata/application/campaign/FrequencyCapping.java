package io.strata.application.campaign;

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
    public FrequencyCap setCap(FrequencyCap cap) {
        return transactions.inOne(() -> {
            boolean existed = caps.of(cap.channel()).isPresent();
            caps.put(cap, actor.name());
            audit.record(AuditEntry.of(actor.name(), existed ? AuditAction.CHANGED : AuditAction.CREATED, "frequency_cap", cap.channel().key())
                    .withDetail("at most " + cap.maxDeliveries() + " per customer in " + cap.windowDays() + " days"));
            return cap;
        });
    }

    @Override
    public boolean removeCap(Channel channel) {
        return transactions.inOne(() -> {
            boolean removed = caps.remove(channel);
            if (removed) {
                audit.record(AuditEntry.of(actor.name(), AuditAction.REMOVED, "frequency_cap", channel.key()));
            }
            return removed;
        });
    }
}
