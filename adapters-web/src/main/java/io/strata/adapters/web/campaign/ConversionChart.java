package io.strata.adapters.web.campaign;

import io.strata.application.campaign.ConversionDay;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Conversions since the launch as the campaign page charts them (issue 18, "Also"): from the launch (0), per UTC day,
 * the share of each group that has converted so far, in percent, so groups of different sizes compare; the running
 * counts ride along for the tooltips ("3 of 21"). The same figures are in the table under the chart.
 */
final class ConversionChart {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ConversionChart() {
    }

    static String json(List<ConversionDay> days, long treatmentCustomers, long controlCustomers) {
        List<String> labels = new ArrayList<>();
        List<BigDecimal> treatment = new ArrayList<>();
        List<BigDecimal> control = new ArrayList<>();
        List<String> treatmentCounts = new ArrayList<>();
        List<String> controlCounts = new ArrayList<>();
        long treatmentSoFar = 0;
        long controlSoFar = 0;
        // the launch itself: nobody converted yet, so even the first day shows as a rise
        labels.add("launch");
        treatment.add(percent(0, treatmentCustomers));
        control.add(percent(0, controlCustomers));
        treatmentCounts.add("0 of " + treatmentCustomers);
        controlCounts.add("0 of " + controlCustomers);
        for (ConversionDay day : days) {
            treatmentSoFar += day.treatment();
            controlSoFar += day.control();
            labels.add(day.day().toString());
            treatment.add(percent(treatmentSoFar, treatmentCustomers));
            control.add(percent(controlSoFar, controlCustomers));
            treatmentCounts.add(treatmentSoFar + " of " + treatmentCustomers);
            controlCounts.add(controlSoFar + " of " + controlCustomers);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("labels", labels);
        data.put("treatment", treatment);
        data.put("control", control);
        data.put("treatmentSoFar", treatmentCounts);
        data.put("controlSoFar", controlCounts);
        return JSON.writeValueAsString(data);
    }

    /** Percent with 2 decimals; an empty group has no rate (null, a gap in its line). */
    private static BigDecimal percent(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).movePointRight(2).divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP);
    }
}
