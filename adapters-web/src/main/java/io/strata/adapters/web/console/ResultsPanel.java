package io.strata.adapters.web.console;

import io.strata.application.campaign.ResultsView;
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

/**
 * A launched campaign's results as the campaign page shows them: both groups, the uplifts, the z-test, and the chart
 * data (rates in percent, treatment against control) for strata.js, passed as a data attribute because the
 * Content-Security-Policy allows no inline script.
 */
public record ResultsPanel(ResultsView view, GroupOutcome treatment, GroupOutcome control, BigDecimal absoluteUplift,
                           BigDecimal relativeUplift, ZTest significance, BigDecimal migrationUplift, String chart) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A group's row of the results table. */
    public record Group(String name, GroupOutcome outcome) {
    }

    static ResultsPanel of(ResultsView view) {
        CampaignResult result = view.result();
        return new ResultsPanel(view, result.treatment(), result.control(), result.absoluteUplift(), result.relativeUplift(),
                result.significance().orElse(null), result.migrationUplift(), JSON.writeValueAsString(chart(result)));
    }

    public List<Group> groups() {
        return List.of(new Group("treatment", treatment), new Group("control", control));
    }

    /** The p-value as people read it: four places, or an upper bound when it is smaller than that. */
    public String pValue() {
        if (significance == null) {
            return null;
        }
        double p = significance.pValue();
        return p < 0.0001 ? "< 0.0001" : String.format(Locale.ROOT, "%.4f", p);
    }

    public boolean significantAtFivePercent() {
        return significance != null && significance.pValue() < 0.05;
    }

    static Map<String, Object> chart(CampaignResult result) {
        List<String> labels = new ArrayList<>(List.of("Conversion rate"));
        List<BigDecimal> treatment = new ArrayList<>();
        List<BigDecimal> control = new ArrayList<>();
        treatment.add(percent(result.treatment().conversionRate()));
        control.add(percent(result.control().conversionRate()));
        if (result.migrationUplift() != null) {
            labels.add("Moved to a more valuable segment");
            treatment.add(percent(result.treatment().migrationRate()));
            control.add(percent(result.control().migrationRate()));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("labels", labels);
        data.put("treatment", treatment);
        data.put("control", control);
        return data;
    }

    private static BigDecimal percent(BigDecimal rate) {
        return rate == null ? null : rate.movePointRight(2).stripTrailingZeros();
    }
}
