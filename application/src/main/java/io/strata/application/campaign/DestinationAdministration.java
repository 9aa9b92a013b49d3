package io.strata.application.campaign;

import io.strata.application.audit.EditCheck;

import io.strata.domain.edit.Revision;

import io.strata.application.audit.AuditAction;
import io.strata.application.audit.AuditEntry;
import io.strata.application.audit.port.out.AuditTrail;
import io.strata.application.audit.port.out.CurrentActor;
import io.strata.application.audit.port.out.Transactions;
import io.strata.application.campaign.port.in.ManageDestinations;
import io.strata.application.campaign.port.out.StoredDestinations;
import io.strata.domain.campaign.Channel;
import io.strata.domain.campaign.InvalidDeliverySetting;

import java.util.ArrayList;
import java.util.List;

/**
 * Creates, changes and deletes webhook destinations with their audit entries (which name the URL and channels, never
 * the secret). A channel has at most one default destination, so an action that names none has one place to go.
 */
public final class DestinationAdministration implements ManageDestinations {

    private final StoredDestinations stored;
    private final boolean allowPlainHttp;
    private final AuditTrail audit;
    private final CurrentActor actor;
    private final Transactions transactions;

    public DestinationAdministration(StoredDestinations stored, boolean allowPlainHttp, AuditTrail audit, CurrentActor actor,
                                     Transactions transactions) {
        this.stored = stored;
        this.allowPlainHttp = allowPlainHttp;
        this.audit = audit;
        this.actor = actor;
        this.transactions = transactions;
    }

    @Override
    public List<StoredDestination> destinations() {
        return stored.all();
    }

    @Override
    public StoredDestination destination(String name) {
        return stored.named(name == null ? "" : name.strip()).orElseThrow(() -> new DestinationNotFound(name));
    }

    @Override
    public StoredDestination create(String name, String url, String secret, List<String> channels) {
        DestinationSettings settings = DestinationSettings.of(name, url, secret, channels, allowPlainHttp, true);
        return transactions.inOne(() -> {
            stored.lockForChange();
            if (stored.named(settings.name()).isPresent()) {
                throw new InvalidDeliverySetting("name", "a destination named '" + settings.name() + "' exists already; choose another"
                        + " name, or change that destination");
            }
            requireFreeChannels(settings, channels);
            StoredDestination created = stored.create(settings, actor.name());
            audit.record(AuditEntry.of(actor.name(), AuditAction.CREATED, "destination", created.name()).withDetail(described(created)));
            return created;
        });
    }

    @Override
    public StoredDestination update(String name, String url, String secret, List<String> channels, List<Revision> seen) {
        DestinationSettings settings = DestinationSettings.of(name, url, secret, channels, allowPlainHttp, false);
        return transactions.inOne(() -> {
            stored.lockForChange();
            requireSeen(destination(settings.name()), seen);
            requireFreeChannels(settings, channels);
            StoredDestination changed = stored.update(settings, actor.name());
            audit.record(AuditEntry.of(actor.name(), AuditAction.CHANGED, "destination", changed.name())
                    .withDetail(described(changed) + (settings.secret() == null ? "" : ", new secret")));
            return changed;
        });
    }

    @Override
    public void delete(String name, List<Revision> seen) {
        transactions.inOne(() -> {
            stored.lockForChange();
            StoredDestination existing = destination(name);
            requireSeen(existing, seen);
            if (!stored.delete(existing.name())) {
                throw new DestinationInUse(existing.name());
            }
            audit.record(AuditEntry.of(actor.name(), AuditAction.REMOVED, "destination", existing.name()).withDetail(described(existing)));
            return null;
        });
    }

    private void requireSeen(StoredDestination current, List<Revision> seen) {
        new EditCheck(audit).require(seen, current.revision(), "Destination '" + current.name() + "'", "destination", current.name());
    }

    /** A channel that is another destination's default is refused at its position in the given list. */
    private void requireFreeChannels(DestinationSettings settings, List<String> given) {
        List<String> keys = given == null ? List.of() : new ArrayList<>(given);
        for (StoredDestination other : stored.all()) {
            if (other.name().equals(settings.name())) {
                continue;
            }
            for (int i = 0; i < keys.size(); i++) {
                Channel channel = Channel.parse(keys.get(i), "channels[" + i + "]");
                if (other.channels().contains(channel)) {
                    throw new InvalidDeliverySetting("channels[" + i + "]", "channel " + channel.key() + " already goes to destination '"
                            + other.name() + "' by default; take it out of that destination's channels first, or name this destination"
                            + " in the actions that should use it");
                }
            }
        }
    }

    private static String described(StoredDestination destination) {
        return destination.url() + " for " + destination.channels().stream().map(Channel::key).sorted().toList();
    }
}
