package io.strata.adapters.web.campaign;

import io.strata.application.campaign.AlwaysOnPage;
import io.strata.application.campaign.AlwaysOnView;
import io.strata.application.campaign.Cohort;
import io.strata.domain.campaign.CampaignResult;
import io.strata.domain.campaign.ConfidenceInterval;
import io.strata.domain.campaign.GroupOutcome;
import io.strata.domain.campaign.ZTest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * An always-on campaign on its console page: its state and what may be done next, one bar per cohort over the runs
 * (treated, control and excluded stacked, scaled to the largest cohort; drawn as SVG, whose sizes are attributes and
 * so pass the content security policy) and the results per cohort and in total.
 */
public record AlwaysOnPanel(String state, List<String> allowed, long baselineRunId, String stopReason, List<Bar> bars, List<Row> rows,
                            Row total, long cohortsWithLaterRun, BigDecimal migrationUplift, long cohorts, Long olderCohorts, boolean paged) {

    /** Chart geometry: one column per cohort, {@link #HEIGHT} pixels for the largest cohort. */
    public static final int HEIGHT = 160;
    public static final int COLUMN = 56;

    public int width() {
        return Math.max(1, bars.size()) * COLUMN + 8;
    }

    /** One cohort's column: heights and tops of its three stacked parts, in pixels from the top. */
    public record Bar(long runId, LocalDate asOf, long entered, int x, int treatedTop, int treatedHeight, int controlTop, int controlHeight,
                      int excludedTop, int excludedHeight) {
    }

    /** One cohort's figures (or the total's, with {@code runId} null). */
    public record Row(Long runId, LocalDate asOf, long entered, long treatment, long control, BigDecimal treatmentRate, BigDecimal controlRate,
                      BigDecimal uplift, BigDecimal low, BigDecimal high, Double pValue, BigDecimal treatmentRevenuePerCustomer,
                      BigDecimal controlRevenuePerCustomer, BigDecimal migrationUplift) {

        static Row of(Long runId, LocalDate asOf, long entered, CampaignResult r) {
            GroupOutcome t = r.treatment();
            GroupOutcome c = r.control();
            ConfidenceInterval interval = ConfidenceInterval.ofShareDifference(t.converters(), t.customers(), c.converters(), c.customers());
            return new Row(runId, asOf, entered, t.customers(), c.customers(), t.conversionRate(), c.conversionRate(), r.absoluteUplift(),
                    interval == null ? null : interval.low(), interval == null ? null : interval.high(),
                    r.significance().map(ZTest::pValue).orElse(null), t.revenuePerCustomer(), c.revenuePerCustomer(), r.migrationUplift());
        }
    }

    /** A page of the cohorts: the newest of the page drawn and listed, the totals (over every cohort) as the database added them. */
    static AlwaysOnPanel of(AlwaysOnPage page, boolean paged) {
        AlwaysOnPanel shown = of(page.view());
        AlwaysOnView view = page.view();
        return new AlwaysOnPanel(shown.state(), shown.allowed(), shown.baselineRunId(), shown.stopReason(), shown.bars(), shown.rows(),
                Row.of(null, null, page.totals().entered(), view.total()), page.totals().cohortsWithLaterRun(), view.migration().migrationUplift(),
                page.totals().cohorts(), page.older(), paged);
    }

    static AlwaysOnPanel of(AlwaysOnView view) {
        long largest = view.cohorts().stream().mapToLong(c -> c.cohort().counts().members()).max().orElse(0);
        List<Bar> bars = new java.util.ArrayList<>();
        for (int i = 0; i < view.cohorts().size(); i++) {
            Cohort c = view.cohorts().get(i).cohort();
            int treated = scaled(c.counts().treatment(), largest);
            int control = scaled(c.counts().control(), largest);
            int excluded = scaled(c.counts().excludedForConsent(), largest);
            int bottom = HEIGHT;
            bars.add(new Bar(c.runId(), c.asOf(), c.counts().members(), 4 + i * COLUMN, bottom - treated, treated, bottom - treated - control,
                    control, bottom - treated - control - excluded, excluded));
        }
        List<Row> rows = view.cohorts().stream()
                .map(c -> Row.of(c.cohort().runId(), c.cohort().asOf(), c.cohort().counts().members(), c.result())).toList();
        long entered = view.cohorts().stream().mapToLong(c -> c.cohort().counts().members()).sum();
        return new AlwaysOnPanel(view.state().name(), view.allowed(), view.baselineRunId(), view.stopReason(), bars, rows,
                Row.of(null, null, entered, view.total()), view.cohorts().stream().filter(c -> c.laterRunId() != null).count(),
                view.migration().migrationUplift(), view.cohorts().size(), null, false);
    }

    private static int scaled(long count, long largest) {
        return largest == 0 ? 0 : (int) Math.round((double) HEIGHT * count / largest);
    }
}
