package io.strata.adapters.persistence.segmentation;

import java.math.BigDecimal;
import java.util.List;

/**
 * A general segmentation reduced to what the SQL needs: score regions or metric tiers, each naming a segment key,
 * and the segment of customers who never bought. Built from the domain's definition.
 */
sealed interface SqlPlan {

    /** One method per kind of plan, so a new kind does not compile until the SQL compiler handles it. */
    interface Visitor<R> {
        R rfm(Rfm rfm);

        R fixedTiers(FixedTiers tiers);

        R quantileTiers(QuantileTiers tiers);

        R lifecycle(Lifecycle lifecycle);
    }

    <R> R accept(Visitor<R> visitor);

    /** Whether the metrics must count distinct categories: RFM on breadth, or tiers on categories. */
    boolean needsCategories();

    /** Whether the metrics must hold tenure, average order value and revenue per month. */
    boolean needsRatios();

    /**
     * Whether each customer's row depends on that customer alone, so that any part of the customers is assigned as in
     * the whole run (a run written in halves, see RunHalves): not for quantile tiers, whose tiers are ranks among all
     * buyers; an RFM plan's scores come from thresholds found beforehand on the whole run's snapshot.
     */
    boolean rowsPerCustomer();

    /** Whether the metrics must carry the run's predicted value (stored before assignment). */
    default boolean needsPredictions() {
        return false;
    }

    /** Lifecycle stages in order, first match wins; the last has no rule (otherwise). */
    record Lifecycle(List<Stage> stages) implements SqlPlan {
        public Lifecycle {
            stages = List.copyOf(stages);
        }

        @Override
        public String prospectKey() {
            return stages.get(stages.size() - 1).segmentKey();
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.lifecycle(this);
        }

        /** Lifecycle rules read categories through their own subquery. */
        @Override
        public boolean needsCategories() {
            return false;
        }

        /** Lifecycle rules may name any metric. */
        @Override
        public boolean needsRatios() {
            return true;
        }

        @Override
        public boolean rowsPerCustomer() {
            return true;
        }
    }

    record Stage(String segmentKey, io.strata.domain.rule.CheckedRule rule) {
    }


    String prospectKey();

    /** Third score: m over monetary, or p over distinct categories (the product-breadth variant). */
    enum Third { MONETARY, CATEGORIES }

    record ScoreRegion(String segmentKey, int rFrom, int rTo, int fFrom, int fTo, int mFrom, int mTo) {
    }

    record Rfm(Third third, List<ScoreRegion> regions, String prospectKey) implements SqlPlan {
        public Rfm {
            regions = List.copyOf(regions);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.rfm(this);
        }

        @Override
        public boolean needsCategories() {
            return third == Third.CATEGORIES;
        }

        @Override
        public boolean needsRatios() {
            return false;
        }

        @Override
        public boolean rowsPerCustomer() {
            return true;
        }
    }

    /** Metric column names come from a fixed set, never from user text. */
    enum TierMetric {
        FREQUENCY("frequency"), MONETARY("monetary"), AVG_ORDER_VALUE("avg_order_value"),
        REVENUE_PER_MONTH("revenue_per_month"), CATEGORIES("categories"), PREDICTED_VALUE("predicted_value");

        final String column;

        TierMetric(String column) {
            this.column = column;
        }

        /** Average order value and revenue per month are ratios the metrics compute only when asked. */
        boolean isRatio() {
            return this == AVG_ORDER_VALUE || this == REVENUE_PER_MONTH;
        }
    }

    /** [from, to) on the metric; null is unbounded. */
    record Tier(String segmentKey, BigDecimal from, BigDecimal to) {
    }

    record FixedTiers(TierMetric metric, List<Tier> tiers, String prospectKey) implements SqlPlan {
        public FixedTiers {
            tiers = List.copyOf(tiers);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.fixedTiers(this);
        }

        @Override
        public boolean needsCategories() {
            return metric == TierMetric.CATEGORIES;
        }

        @Override
        public boolean needsRatios() {
            return metric.isRatio();
        }

        @Override
        public boolean rowsPerCustomer() {
            return true;
        }

        @Override
        public boolean needsPredictions() {
            return metric == TierMetric.PREDICTED_VALUE;
        }
    }

    /** k quantile tiers among buyers: tier = 1 + floor(k × (rank − 1) / N), rank() ascending on the metric. */
    record QuantileTiers(TierMetric metric, List<String> segmentKeysLowToHigh, String prospectKey) implements SqlPlan {
        public QuantileTiers {
            segmentKeysLowToHigh = List.copyOf(segmentKeysLowToHigh);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.quantileTiers(this);
        }

        @Override
        public boolean needsCategories() {
            return metric == TierMetric.CATEGORIES;
        }

        @Override
        public boolean needsRatios() {
            return metric.isRatio();
        }

        @Override
        public boolean rowsPerCustomer() {
            return false;
        }

        @Override
        public boolean needsPredictions() {
            return metric == TierMetric.PREDICTED_VALUE;
        }
    }
}
