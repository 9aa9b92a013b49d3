package io.strata.adapters.web.campaign;

import io.strata.domain.text.PlainText;
import io.strata.domain.campaign.Action;
import io.strata.domain.campaign.AttributionWindow;
import io.strata.domain.campaign.CampaignPlan;
import io.strata.domain.campaign.Channel;
import io.strata.domain.campaign.ControlGroup;
import io.strata.domain.campaign.TacticalAction;

import io.strata.domain.campaign.InvalidCampaign;
import io.strata.domain.campaign.Target;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The campaign form as the browser sends it. Every value is kept as typed, so that a wrong one comes back unchanged
 * next to its error; {@link #parts} says how its text becomes a plan's parts and {@link CampaignPlanReader} reads them. Input names are the domain's field names
 * ({@code actions[0].discountPercent}), so a domain error lands next to its input.
 */
public class CampaignForm {

    /** datetime-local inputs: minutes, no zone; the console plans in UTC. */
    static final DateTimeFormatter START = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private String seen = "";
    private String name = "";
    private String objective = "";
    private String targetSegment = "";
    private String tacticalSegmentId = "";
    private List<ActionRow> actions = new ArrayList<>();
    private List<TacticalActionRow> tacticalActions = new ArrayList<>();
    private String controlGroupPercent = ControlGroup.DEFAULT_PERCENT.toPlainString();
    private String attributionWindowDays = Integer.toString(AttributionWindow.DEFAULT_DAYS);
    private String startAt = "";

    /** An action as typed: a channel, or "offer" with a discount; content is the message or a template reference. */
    public static class ActionRow {
        private String channel = Channel.EMAIL.key();
        private String content = "";
        private String discountPercent = "";

        static ActionRow of(Action action) {
            ActionRow row = new ActionRow();
            row.channel = action.channel().key();
            row.content = action.content();
            row.discountPercent = action.discountPercent().map(p -> p.stripTrailingZeros().toPlainString()).orElse("");
            return row;
        }

        public String getChannel() {
            return channel;
        }

        public void setChannel(String channel) {
            this.channel = channel;
        }

        public String getContent() {
            return content;
        }

        public void setContent(String content) {
            this.content = content;
        }

        public String getDiscountPercent() {
            return discountPercent;
        }

        public void setDiscountPercent(String discountPercent) {
            this.discountPercent = discountPercent;
        }
    }

    /** The action for the members of one tactical segment instead of the default actions. */
    public static class TacticalActionRow extends ActionRow {
        private String tacticalSegmentId = "";

        static TacticalActionRow of(TacticalAction tactical) {
            TacticalActionRow row = new TacticalActionRow();
            ActionRow action = ActionRow.of(tactical.action());
            row.setChannel(action.getChannel());
            row.setContent(action.getContent());
            row.setDiscountPercent(action.getDiscountPercent());
            row.tacticalSegmentId = Long.toString(tactical.tacticalSegmentId());
            return row;
        }

        public String getTacticalSegmentId() {
            return tacticalSegmentId;
        }

        public void setTacticalSegmentId(String tacticalSegmentId) {
            this.tacticalSegmentId = tacticalSegmentId;
        }
    }

    static CampaignForm forSegment(String segmentKey) {
        CampaignForm form = new CampaignForm();
        form.targetSegment = segmentKey == null ? "" : segmentKey;
        form.actions.add(new ActionRow());
        return form;
    }

    static CampaignForm of(CampaignPlan plan) {
        CampaignForm form = new CampaignForm();
        form.name = plan.name();
        form.objective = plan.objective();
        form.targetSegment = plan.target().segmentKey();
        form.tacticalSegmentId = plan.target().tacticalSegment().map(String::valueOf).orElse("");
        form.actions = new ArrayList<>(plan.actions().stream().map(ActionRow::of).toList());
        form.tacticalActions = new ArrayList<>(plan.tacticalActions().stream().map(TacticalActionRow::of).toList());
        form.controlGroupPercent = plan.controlGroup().percent().stripTrailingZeros().toPlainString();
        form.attributionWindowDays = Integer.toString(plan.attributionWindow().days());
        form.startAt = plan.start().map(at -> START.format(at.atOffset(ZoneOffset.UTC))).orElse("");
        return form;
    }

    /**
     * The plan's parts as typed. Text that is not a number, an id or a date is refused here, in the domain's words and
     * under the field's name; the rest is the domain's to judge.
     */
    CampaignPlanReader.Parts parts() {
        List<java.util.function.Supplier<Action>> actionParts = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            ActionRow row = actions.get(i);
            String field = "actions[" + i + "]";
            actionParts.add(() -> action(row, field));
        }
        List<CampaignPlanReader.TacticalPart> tacticalParts = new ArrayList<>();
        for (int i = 0; i < tacticalActions.size(); i++) {
            TacticalActionRow row = tacticalActions.get(i);
            String field = "tacticalActions[" + i + "]";
            tacticalParts.add(new CampaignPlanReader.TacticalPart(field, () -> {
                Long id = optionalId(row.getTacticalSegmentId(), field + ".tacticalSegmentId");
                if (id == null) {
                    throw new InvalidCampaign(field + ".tacticalSegmentId", "choose the tactical segment this action is for");
                }
                return id;
            }, () -> action(row, field)));
        }
        return new CampaignPlanReader.Parts(name, objective,
                () -> new Target(targetSegment.strip(), optionalId(tacticalSegmentId, "tacticalSegmentId")), actionParts, tacticalParts,
                () -> blank(controlGroupPercent) ? null : new ControlGroup(decimal(controlGroupPercent, "controlGroupPercent")),
                () -> blank(attributionWindowDays) ? null : new AttributionWindow(whole(attributionWindowDays, "attributionWindowDays")),
                () -> start(startAt));
    }

    private static Action action(ActionRow row, String field) {
        return Action.of(Channel.parse(row.getChannel(), field + ".channel"), row.getContent(),
                blank(row.getDiscountPercent()) ? null : decimal(row.getDiscountPercent(), field + ".discountPercent"), field);
    }

    private static Long optionalId(String text, String field) {
        if (blank(text)) {
            return null;
        }
        try {
            return Long.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidCampaign(field, field + " '" + PlainText.echo(text) + "' is not a tactical segment id; choose one from the list");
        }
    }

    private static BigDecimal decimal(String text, String field) {
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidCampaign(field, field + " '" + PlainText.echo(text) + "' is not a number; give it in digits, e.g. 10 or 12.5");
        }
    }

    private static int whole(String text, String field) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidCampaign(field, field + " '" + PlainText.echo(text) + "' is not a whole number of days, e.g. 30");
        }
    }

    private static Instant start(String text) {
        if (blank(text)) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.strip()).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new InvalidCampaign("startAt", "startAt '" + PlainText.echo(text) + "' is not a date and time; give it as YYYY-MM-DDTHH:MM in UTC,"
                    + " or leave it empty to launch by hand");
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    /**
     * Applies an edit of the form's shape that the page asks for with a button ({@code add-action},
     * {@code remove-action-2}, {@code add-tactical-action}, {@code remove-tactical-action-0}); answers whether there was one.
     */
    boolean reshape(String intent) {
        if (intent == null || intent.isBlank() || intent.equals("save")) {
            return false;
        }
        if (intent.equals("show")) {
            // the form as typed, saving nothing: strata.js puts a form back so after the session had ended (its rows included)
        } else if (intent.equals("add-action")) {
            actions.add(new ActionRow());
        } else if (intent.equals("add-tactical-action")) {
            tacticalActions.add(new TacticalActionRow());
        } else if (intent.startsWith("remove-tactical-action-")) {
            remove(tacticalActions, intent.substring("remove-tactical-action-".length()));
        } else if (intent.startsWith("remove-action-")) {
            remove(actions, intent.substring("remove-action-".length()));
        } else {
            return false;
        }
        return true;
    }

    private static void remove(List<?> rows, String index) {
        try {
            int i = Integer.parseInt(index);
            if (i >= 0 && i < rows.size()) {
                rows.remove(i);
            }
        } catch (NumberFormatException ignored) {
            // not a button of this page: nothing to remove
        }
    }

    /**
     * The revision of the draft the editor read (hidden; docs/console.md, "Two people editing the same thing"), or empty on
     * a new campaign's form.
     */
    public String getSeen() {
        return seen;
    }

    public void setSeen(String seen) {
        this.seen = seen;
    }

    /** The revisions the form says its editor read: null (no check) when it names none, none that matches when it is no revision. */
    java.util.List<io.strata.domain.edit.Revision> seenRevisions() {
        if (seen == null || seen.isBlank()) {
            return null;
        }
        return io.strata.domain.edit.Revision.wellFormed(seen.strip()) ? List.of(new io.strata.domain.edit.Revision(seen.strip())) : List.of();
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getObjective() {
        return objective;
    }

    public void setObjective(String objective) {
        this.objective = objective;
    }

    public String getTargetSegment() {
        return targetSegment;
    }

    public void setTargetSegment(String targetSegment) {
        this.targetSegment = targetSegment;
    }

    public String getTacticalSegmentId() {
        return tacticalSegmentId;
    }

    public void setTacticalSegmentId(String tacticalSegmentId) {
        this.tacticalSegmentId = tacticalSegmentId;
    }

    public List<ActionRow> getActions() {
        return actions;
    }

    public void setActions(List<ActionRow> actions) {
        this.actions = actions;
    }

    public List<TacticalActionRow> getTacticalActions() {
        return tacticalActions;
    }

    public void setTacticalActions(List<TacticalActionRow> tacticalActions) {
        this.tacticalActions = tacticalActions;
    }

    public String getControlGroupPercent() {
        return controlGroupPercent;
    }

    public void setControlGroupPercent(String controlGroupPercent) {
        this.controlGroupPercent = controlGroupPercent;
    }

    public String getAttributionWindowDays() {
        return attributionWindowDays;
    }

    public void setAttributionWindowDays(String attributionWindowDays) {
        this.attributionWindowDays = attributionWindowDays;
    }

    public String getStartAt() {
        return startAt;
    }

    public void setStartAt(String startAt) {
        this.startAt = startAt;
    }
}
