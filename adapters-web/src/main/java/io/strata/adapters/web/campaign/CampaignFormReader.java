package io.strata.adapters.web.campaign;

import io.strata.adapters.web.console.FieldErrors;
import io.strata.application.tactical.StoredTacticalSegment;
import io.strata.domain.campaign.Action;
import io.strata.domain.campaign.AttributionWindow;
import io.strata.domain.campaign.CampaignPlan;
import io.strata.domain.campaign.Channel;
import io.strata.domain.campaign.ControlGroup;
import io.strata.domain.campaign.InvalidCampaign;
import io.strata.domain.campaign.TacticalAction;
import io.strata.domain.campaign.Target;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads a campaign form into a plan. The domain builds each part on its own (target, every action, control group,
 * window, start), so every wrong field gets its message in one round; the plan as a whole (name, number of actions)
 * is built once its parts are valid. Text that is not a number or a date is refused here, in the domain's words.
 */
final class CampaignFormReader {

    /** A plan, or the errors that kept it from being built. */
    record Reading(CampaignPlan plan, FieldErrors errors) {
    }

    private final Map<Long, StoredTacticalSegment> tacticalSegments;

    /**
     * {@code tacticalSegments}: every stored one by id, archived too, so that the domain can say why one may not be
     * chosen (another segment's, archived) next to the field that names it, in the same round as the other fields.
     */
    CampaignFormReader(Map<Long, StoredTacticalSegment> tacticalSegments) {
        this.tacticalSegments = Map.copyOf(tacticalSegments);
    }

    Reading read(CampaignForm form) {
        FieldErrors errors = new FieldErrors();
        Target target = attempt(errors, () -> new Target(form.getTargetSegment().strip(), optionalId(form.getTacticalSegmentId(), "tacticalSegmentId")));
        if (target != null) {
            target.tacticalSegment().ifPresent(id -> attempt(errors, () -> inside(target, id, "tacticalSegmentId")));
        }
        List<Action> actions = new ArrayList<>();
        for (int i = 0; i < form.getActions().size(); i++) {
            CampaignForm.ActionRow row = form.getActions().get(i);
            String field = "actions[" + i + "]";
            add(actions, attempt(errors, () -> action(row, field)));
        }
        List<TacticalAction> tacticalActions = new ArrayList<>();
        for (int i = 0; i < form.getTacticalActions().size(); i++) {
            CampaignForm.TacticalActionRow row = form.getTacticalActions().get(i);
            String field = "tacticalActions[" + i + "]";
            add(tacticalActions, attempt(errors, () -> {
                Long id = optionalId(row.getTacticalSegmentId(), field + ".tacticalSegmentId");
                if (id == null) {
                    throw new InvalidCampaign(field + ".tacticalSegmentId", "choose the tactical segment this action is for");
                }
                if (target != null) {
                    inside(target, id, field + ".tacticalSegmentId");
                }
                return new TacticalAction(id, action(row, field));
            }));
        }
        ControlGroup controlGroup = attempt(errors, () -> blank(form.getControlGroupPercent()) ? null
                : new ControlGroup(decimal(form.getControlGroupPercent(), "controlGroupPercent")));
        AttributionWindow window = attempt(errors, () -> blank(form.getAttributionWindowDays()) ? null
                : new AttributionWindow(whole(form.getAttributionWindowDays(), "attributionWindowDays")));
        Instant startAt = attempt(errors, () -> start(form.getStartAt()));
        if (!errors.isEmpty()) {
            return new Reading(null, errors);
        }
        CampaignPlan plan = attempt(errors, () -> new CampaignPlan(form.getName(), form.getObjective(), target, actions, tacticalActions,
                controlGroup, window, startAt));
        return new Reading(plan, errors);
    }

    /** Runs one domain construction; its refusal becomes the message of the field it names. */
    static <T> T attempt(FieldErrors errors, Supplier<T> build) {
        try {
            return build.get();
        } catch (InvalidCampaign e) {
            errors.add(e.field(), e.getMessage());
            return null;
        }
    }

    private static <T> void add(List<T> list, T item) {
        if (item != null) {
            list.add(item);
        }
    }

    private static Action action(CampaignForm.ActionRow row, String field) {
        return Action.of(Channel.parse(row.getChannel(), field + ".channel"), row.getContent(),
                blank(row.getDiscountPercent()) ? null : decimal(row.getDiscountPercent(), field + ".discountPercent"), field);
    }

    /** The domain's rule (the use case checks it again on save); answers the target so that {@link #attempt} can run it. */
    private Target inside(Target target, long tacticalId, String field) {
        target.requireInside(tacticalId, Optional.ofNullable(tacticalSegments.get(tacticalId)).map(StoredTacticalSegment::segment), field);
        return target;
    }

    private static Long optionalId(String text, String field) {
        if (blank(text)) {
            return null;
        }
        try {
            return Long.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidCampaign(field, field + " '" + text + "' is not a tactical segment id; choose one from the list");
        }
    }

    private static BigDecimal decimal(String text, String field) {
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidCampaign(field, field + " '" + text + "' is not a number; give it in digits, e.g. 10 or 12.5");
        }
    }

    private static int whole(String text, String field) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidCampaign(field, field + " '" + text + "' is not a whole number of days, e.g. 30");
        }
    }

    private static Instant start(String text) {
        if (blank(text)) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.strip()).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new InvalidCampaign("startAt", "startAt '" + text + "' is not a date and time; give it as YYYY-MM-DDTHH:MM in UTC,"
                    + " or leave it empty to launch by hand");
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
