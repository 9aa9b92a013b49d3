package io.strata.adapters.persistence.segmentation;

/**
 * The per-customer metrics of the contract as of a date D, as a SQL query over per-order totals (never over lines,
 * except for distinct categories). Parameters: the end instant (D + 1 day, 00:00 UTC) and D itself.
 * All lines of one order share ordered_at (the import enforces it), so counting whole orders before the end instant
 * is the same as counting lines.
 */
final class MetricsSql {

    private static final String FROM_ORDERS = """

              select o.customer_key,
                     count(*) filter (where o.total > 0) as frequency,
                     sum(o.total) as monetary,
                     (max(o.ordered_at) filter (where o.total > 0) at time zone 'UTC')::date as last_day,
                     (min(o.ordered_at) filter (where o.total > 0) at time zone 'UTC')::date as first_day
              from orders o
              where o.ordered_at < :end%1$s
              group by o.customer_key
            """;

    private static final String FROM_FACTS = """

              select f.customer_key, f.frequency, f.monetary, f.last_purchase_day as last_day, f.first_purchase_day as first_day%s
              from customer_purchase_facts f%s
            """;

    /**
     * Each buyer's pattern as the prediction models see it (x, t_x and T in days, the repeat average), with the
     * expressions of the prediction adapter's buyers from the facts (BuyerSql.BUYERS_FROM_FACTS), to the last bit: the
     * run's assignment carries them into its rows when the run's predictions read their buyers from there (a run whose
     * date the facts cover, on a segmentation that does not read predictions; docs/predictions.md, "Storage").
     * A customer who never bought has none. The first and last purchase days and the repeat average are the facts' own
     * (generated columns since changeset 380, from the expressions computed here before): no per-row time-zone shift,
     * date cast or numeric division in the run's statement.
     */
    private static final String BUYER_PATTERN = """
            ,
                   case when a.purchase_days > 0 then a.purchase_days - 1 end as buyer_x,
                   case when a.purchase_days > 0 then a.last_purchase_day - a.first_purchase_day end as buyer_recency_days,
                   case when a.purchase_days > 0 then :asof::date - a.first_purchase_day end as buyer_age_days,
                   case when a.purchase_days > 0 then a.repeat_average end as buyer_repeat_average""";

    /** The same columns for the runs that do not carry buyer patterns: empty. */
    private static final String NO_BUYER_PATTERN = """
            ,
                   null::int as buyer_x, null::int as buyer_recency_days, null::int as buyer_age_days, null::float8 as buyer_repeat_average""";

    /**
     * The buyers' three RFM values (r: recency days, f: frequency, m: monetary) straight from the facts, as
     * {@link #metrics} computes them from the facts for a customer whose frequency is above 0 (then the coalesces
     * there change nothing), and u, the whole units of m (the facts' {@code monetary_floor}, changeset 400), which the
     * third score's thresholds count buyers by. Only right when the facts cover the run's date, like the facts form of
     * the metrics.
     */
    static final String BUYERS_FROM_FACTS = """
            select (:asof::date - f.last_purchase_day) as r, f.frequency::int as f, f.monetary::numeric(38,4) as m, f.monetary_floor as u
            from customer_purchase_facts f where f.frequency > 0""";

    /** True when the facts equal the metrics as of a date whose end is the parameter: no order at or after it. */
    static final String FACTS_COVER = "select coalesce((select latest_ordered_at < ? from purchase_facts_horizon), true)";

    /** As {@link #FACTS_COVER}, but false without a horizon: the test the predictions' buyers from the facts need. */
    static final String BUYER_FACTS_COVER = "select coalesce((select latest_ordered_at < ? from purchase_facts_horizon), false)";

    /** Two numeric divisions per customer: about a second per million, so only for the plans that read them. */
    private static final String RATIOS = """
            ,
                   case when a.frequency > 0 then (:asof::date - a.first_day) end as tenure_days,
                   case when a.frequency > 0 then round(a.monetary / a.frequency, 4) end as avg_order_value,
                   case when a.frequency > 0 then round(a.monetary / greatest(1, (:asof::date - a.first_day) / 30), 4) end
                     as revenue_per_month""";

    private MetricsSql() {
    }

    /** As {@link #metrics(boolean, boolean, boolean, boolean, boolean)}, carrying no buyer patterns, for every customer. */
    static String metrics(boolean withCategories, boolean fromFacts, boolean withRatios) {
        return metrics(withCategories, fromFacts, withRatios, false, false);
    }

    /** As {@link #metrics(boolean, boolean, boolean, boolean, boolean)}, for every customer. */
    static String metrics(boolean withCategories, boolean fromFacts, boolean withRatios, boolean buyerPatterns) {
        return metrics(withCategories, fromFacts, withRatios, buyerPatterns, false);
    }

    /**
     * Columns: customer_key, frequency, monetary, recency_days[, tenure_days, avg_order_value, revenue_per_month],
     * buyer_x, buyer_recency_days, buyer_age_days, buyer_repeat_average[, categories].
     * {@code fromFacts}: read the per-customer facts the imports keep instead of aggregating orders; only right when no
     * order is at or after the end instant (see {@code purchase_facts_horizon}). {@code buyerPatterns} (only with the
     * facts): the buyer pattern columns filled in ({@link #BUYER_PATTERN}), otherwise null. {@code keyRange}: only the
     * customers whose key is at least {@code :lo} and below {@code :hi} (a run's half, see SqlSegmentationRun), the
     * range written into every table read, so that each part reads only its own customers' rows.
     */
    static String metrics(boolean withCategories, boolean fromFacts, boolean withRatios, boolean buyerPatterns, boolean keyRange) {
        if (buyerPatterns && !fromFacts) {
            throw new IllegalArgumentException("buyer patterns are carried from the purchase facts only");
        }
        String categories = withCategories ? """
                , cat as (
                  select o.customer_key, count(distinct l.category) as categories
                  from orders o join order_lines l on l.order_key = o.order_key
                  where o.ordered_at < :end and o.total > 0 and l.category is not null and l.category <> ''%s
                  group by o.customer_key
                )""".formatted(keyRange ? range("o") : "") : "";
        return """
                with agg as (%s)%s
                select c.customer_key,
                       coalesce(a.frequency, 0)::int as frequency,
                       coalesce(a.monetary, 0)::numeric(38,4) as monetary,
                       case when a.frequency > 0 then (:asof::date - a.last_day) end as recency_days%s%s%s
                from customers c
                left join agg a on a.customer_key = c.customer_key%s%s
                """.formatted(fromFacts ? FROM_FACTS.formatted(buyerPatterns
                        ? ", f.purchase_days, f.first_purchase_day, f.last_purchase_day, f.repeat_average" : "",
                        keyRange ? "\n  where true" + range("f") : "") : FROM_ORDERS.formatted(keyRange ? range("o") : ""),
                categories, withRatios ? RATIOS : "", buyerPatterns ? BUYER_PATTERN : NO_BUYER_PATTERN,
                withCategories ? ",\n       case when a.frequency > 0 then coalesce(cat.categories, 0)::int end as categories" : "",
                withCategories ? "\nleft join cat on cat.customer_key = c.customer_key" : "",
                keyRange ? "\nwhere true" + range("c") : "");
    }

    /** The half's key range on one table's customer key. */
    private static String range(String alias) {
        return " and %1$s.customer_key >= :lo and %1$s.customer_key < :hi".formatted(alias);
    }
}
