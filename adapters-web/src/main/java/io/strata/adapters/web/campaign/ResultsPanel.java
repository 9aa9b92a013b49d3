package io.strata.adapters.web.campaign;

import io.strata.application.campaign.ResultsView;
import io.strata.domain.campaign.Action;
import io.strata.domain.campaign.ActionList;
import io.strata.domain.campaign.CampaignPlan;
import io.strata.domain.campaign.CampaignResult;
import io.strata.domain.campaign.GroupOutcome;
import io.strata.domain.campaign.ZTest;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A launched campaign's results as the campaign page shows them: both groups, the uplifts, the z-test, the same per
 * action list when the plan has actions per tactical segment, and the chart data (rates in percent, treatment against
 * control) for strata.js, passed as a data attribute because the Content-Security-Policy allows no inline script.
 */
public record ResultsPanel(ResultsView view, GroupOutcome treatment, GroupOutcome control, BigDecimal absoluteUplift,
                           BigDecimal relativeUplift, ZTest significance, BigDecimal migrationUplift, List<ListRow> lists, String chart) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A group's row of the results table. */
    public record Group(String name, GroupOutcome outcome) {
    }

    /** One action list's treatment against control; {@code key} is "default" or the tactical segment id, for element ids. */
    public record ListRow(String key, String name, List<Action> actions, CampaignResult result) {

        public String pValue() {
            return ResultsPanel.pValue(result.significance().orElse(null));
        }
    }

    static ResultsPanel of(ResultsView view, CampaignPlan plan, Function<ActionList, String> listNames) {
        CampaignResult result = view.result();
        List<ListRow> lists = view.byActionList().stream().map(list -> new ListRow(
                list.actionList().tacticalSegment().map(String::valueOf).orElse("default"), listNames.apply(list.actionList()),
                plan.actionsOf(list.actionList()), list.result())).toList();
        return new ResultsPanel(view, result.treatment(), result.control(), result.absoluteUplift(), result.relativeUplift(),
                result.significance().orElse(null), result.migrationUplift(), lists, JSON.writeValueAsString(chart(result, lists)));
    }

    public List<Group> groups() {
        return List.of(new Group("treatment", treatment), new Group("control", control));
    }

    /** Only a plan with actions per tactical segment has more than the default list, and only then is a breakdown worth a table. */
    public boolean perActionList() {
        return lists.size() > 1;
    }

    public String pValue() {
        return pValue(significance);
    }

    /** The p-value as people read it: four places, or an upper bound when it is smaller than that. */
    static String pValue(ZTest significance) {
        if (significance == null) {
            return null;
        }
        double p = significance.pValue();
        return p < 0.0001 ? "< 0.0001" : String.format(Locale.ROOT, "%.4f", p);
    }

    public boolean significantAtFivePercent() {
        return significance != null && significance.pValue() < 0.05;
    }

    static Map<String, Object> chart(CampaignResult result, List<ListRow> lists) {
        List<String> labels = new ArrayList<>(List.of("Conversion rate"));
        List<BigDecimal> treatment = new ArrayList<>();
        List<BigDecimal> control = new ArrayList<>();
        // the counts behind each bar, written on it (bar-counts.js): a rate alone hides how few customers it may rest on
        List<String> treatmentCounts = new ArrayList<>();
        List<String> controlCounts = new ArrayList<>();
        treatment.add(percent(result.treatment().conversionRate()));
        control.add(percent(result.control().conversionRate()));
        treatmentCounts.add(result.treatment().converters() + " of " + result.treatment().customers());
        controlCounts.add(result.control().converters() + " of " + result.control().customers());
        if (lists.size() > 1) {
            for (ListRow list : lists) {
                labels.add("Conversion: " + list.name());
                treatment.add(percent(list.result().treatment().conversionRate()));
                control.add(percent(list.result().control().conversionRate()));
                treatmentCounts.add(list.result().treatment().converters() + " of " + list.result().treatment().customers());
                controlCounts.add(list.result().control().converters() + " of " + list.result().control().customers());
            }
        }
        if (result.migrationUplift() != null) {
            labels.add("Moved to a more valuable segment");
            treatment.add(percent(result.treatment().migrationRate()));
            control.add(percent(result.control().migrationRate()));
            treatmentCounts.add(result.treatment().movedUp() + " of " + result.treatment().customers());
            controlCounts.add(result.control().movedUp() + " of " + result.control().customers());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("labels", labels);
        data.put("treatment", treatment);
        data.put("control", control);
        data.put("treatmentCounts", treatmentCounts);
        data.put("controlCounts", controlCounts);
        return data;
    }

    private static BigDecimal percent(BigDecimal rate) {
        return rate == null ? null : rate.movePointRight(2).stripTrailingZeros();
    }
}
