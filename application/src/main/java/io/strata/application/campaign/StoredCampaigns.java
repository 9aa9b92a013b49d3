package io.strata.application.campaign;

import io.strata.application.campaign.port.out.Campaigns;
import io.strata.domain.campaign.Campaign;
import io.strata.domain.campaign.Launch;

import java.util.List;

/** The campaigns as stored, looked up by id: a missing campaign, or a launch asked of one never launched, is named. */
public final class StoredCampaigns {

    private final Campaigns campaigns;

    public StoredCampaigns(Campaigns campaigns) {
        this.campaigns = campaigns;
    }

    StoredCampaign campaign(long id) {
        return campaigns.find(id).orElseThrow(() -> new CampaignNotFound(id));
    }

    List<StoredCampaign> newest(CampaignSelection selection, Long before, int limit) {
        return campaigns.newest(selection, before, limit);
    }

    java.util.Map<String, Long> countsByTarget() {
        return campaigns.countsByTarget();
    }

    Launch launchOf(long id) {
        return launchOf(campaign(id).campaign());
    }

    /**
     * The campaign as a log line names it for an operator, {@code campaign 12 "Winback spring"}: read through the
     * campaigns port only when a line is written (a failed batch, a stopped pass: never per delivery). A name that cannot
     * be read leaves the id alone, and the line is still written: the database may be the very thing that is down, or
     * the campaign was deleted meanwhile.
     */
    public String named(long id) {
        try {
            return campaigns.find(id).map(stored -> named(id, stored.campaign().plan().name())).orElse("campaign " + id);
        } catch (RuntimeException unreadable) {
            return "campaign " + id;
        }
    }

    /**
     * A campaign's id and name as a log line shows them. The name is a planner's text, which may hold quotes, tabs and
     * line breaks (PlainText lets them through): escaped as in a Java string, so a name cannot end the quotes or start a
     * forged line of the log.
     */
    public static String named(long id, String name) {
        if (name == null) {
            return "campaign " + id;
        }
        StringBuilder quoted = new StringBuilder("campaign ").append(id).append(" \"");
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                // the line breaks of Unicode, which some log viewers break lines at too
                case '\u0085', '\u2028', '\u2029' -> quoted.append(String.format("\\u%04x", (int) c));
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    static Launch launchOf(Campaign campaign) {
        return campaign.launched().orElseThrow(() -> new CampaignConflict("campaign " + campaign.id() + " is " + campaign.state()
                + " and has not been launched, so it has no audience, deliveries or results yet; schedule and launch it first"));
    }
}
