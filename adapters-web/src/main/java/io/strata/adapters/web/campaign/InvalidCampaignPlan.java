package io.strata.adapters.web.campaign;

import java.util.List;
import java.util.Map;

/**
 * A plan sent to the API that {@link CampaignPlanReader} could not read: every wrong field with its message, in the
 * order of the plan's parts. The API answers with the first as {@code field} and {@code detail}, and all of them as
 * {@code problems}.
 */
public final class InvalidCampaignPlan extends RuntimeException {

    /** One wrong field and what to do about it. */
    public record Problem(String field, String message) {
    }

    private final List<Problem> problems;

    InvalidCampaignPlan(Map<String, String> messagesByField) {
        super(messagesByField.values().iterator().next());
        this.problems = messagesByField.entrySet().stream().map(e -> new Problem(e.getKey(), e.getValue())).toList();
    }

    public String field() {
        return problems.get(0).field();
    }

    public List<Problem> problems() {
        return problems;
    }
}
