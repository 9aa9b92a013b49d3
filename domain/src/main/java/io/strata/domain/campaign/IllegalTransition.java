package io.strata.domain.campaign;

import java.util.List;

/** A transition the campaign's current state does not allow; says what the state allows instead. */
public class IllegalTransition extends RuntimeException {

    private final long campaignId;
    private final CampaignState current;
    private final Transition attempted;
    private final List<Transition> allowed;

    public IllegalTransition(long campaignId, CampaignState current, Transition attempted, List<Transition> allowed) {
        super(message(campaignId, current, attempted, allowed));
        this.campaignId = campaignId;
        this.current = current;
        this.attempted = attempted;
        this.allowed = List.copyOf(allowed);
    }

    public long campaignId() {
        return campaignId;
    }

    public CampaignState current() {
        return current;
    }

    public Transition attempted() {
        return attempted;
    }

    public List<Transition> allowed() {
        return allowed;
    }

    private static String message(long id, CampaignState current, Transition attempted, List<Transition> allowed) {
        String next = allowed.isEmpty() ? "it is final: nothing more can be done with it (copy its plan into a new campaign instead)"
                : "from " + current + " it can only " + String.join(" or ", allowed.stream().map(Transition::key).toList());
        return "campaign " + id + " is " + current + " and cannot " + attempted.key() + "; " + next;
    }
}
