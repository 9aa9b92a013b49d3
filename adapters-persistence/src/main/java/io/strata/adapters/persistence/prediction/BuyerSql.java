package io.strata.adapters.persistence.prediction;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Every buyer's purchase days as of a date D, by the conventions of docs/predictions.md: orders with a total above 0
 * before the end of D (UTC), one purchase per UTC day with the day's totals summed; x is the number of purchase days
 * after the first, t_x and T the days from the first to the last purchase day and to D, and the repeat average the
 * mean value of the purchase days after the first. Named parameters: {@code :end} (D + 1 day, 00:00 UTC) and
 * {@code :asof} (D). A time's UTC day is {@code (t at time zone interval '0')::date}: the same day as
 * {@code at time zone 'UTC'} (UTC has no offset and no transitions), without looking the zone up by its name and
 * converting through its rules once per value, which took most of the buyer table's scan of a million facts rows
 * (session 31, docs/benchmarks.md).
 */
final class BuyerSql {

    static final String PURCHASE_DAYS = """
            purchase_days as (
                select customer_key, (ordered_at at time zone interval '0')::date as day, sum(total)::float8 as value
                from orders where total > 0 and ordered_at < :end
                group by customer_key, (ordered_at at time zone interval '0')::date
            ), dated as (
                select customer_key, day, value, min(day) over (partition by customer_key) as first_day from purchase_days
            )""";

    /**
     * Two hash aggregations and no sort: the first purchase day's value is carried by the minimum of (day, value) pairs
     * (arrays compare element by element), so the repeat total is the days' total less it, without a window over
     * each customer's days ordered. The totals stay numeric (exact) up to the average, so that the average equals, to
     * the last bit, the one {@link #BUYERS_FROM_FACTS} computes from the repeat total the imports keep.
     */
    static final String BUYERS = """
            with purchase_days as (
                select customer_key, (ordered_at at time zone interval '0')::date as day, sum(total) as value
                from orders where total > 0 and ordered_at < :end
                group by customer_key, (ordered_at at time zone interval '0')::date
            ), buyers as (
                select customer_key, (count(*) - 1)::int as x, (max(day) - min(day))::int as recency_days,
                       (:asof::date - min(day))::int as age_days,
                       ((sum(value) - (min(array[(day - date '2000-01-01')::numeric, value]))[2]) / nullif(count(*) - 1, 0))::float8
                           as repeat_average
                from purchase_days group by customer_key
            )
            """;

    /**
     * The same buyers as {@link #BUYERS}, read from the per-customer facts the orders imports keep (changesets 060 and
     * 240): one row per customer instead of an aggregation of every order by customer and day. Only right when the
     * facts cover the date, i.e. no order at or after its end ({@link #FACTS_COVER}). The first and last purchase days
     * and the repeat average are the facts' generated columns (changeset 380), which hold
     * {@code (first_bought_at at time zone interval '0')::date}, the same of {@code last_bought_at}, and
     * {@code (repeat_total / nullif(purchase_days - 1, 0))::float8}: the values this statement computed for every buyer
     * at every run before, to the last bit, now with no per-row work but two date subtractions.
     */
    static final String BUYERS_FROM_FACTS = """
            with buyers as (
                select customer_key, purchase_days - 1 as x, last_purchase_day - first_purchase_day as recency_days,
                       :asof::date - first_purchase_day as age_days, repeat_average
                from customer_purchase_facts where purchase_days > 0
            )
            """;

    /**
     * True when the facts equal an aggregation of the orders as of a date whose end is the parameter: an import has
     * written orders and none at or after that end (the assignment's test, MetricsSql.FACTS_COVER in the segmentation
     * adapter, except that no horizon at all, where there is nothing to aggregate, takes the aggregation, which is then
     * as quick and right also for orders written by other means than an import).
     */
    static final String FACTS_COVER = "select coalesce((select latest_ordered_at < ? from purchase_facts_horizon), false)";

    private BuyerSql() {
    }

    static Timestamp endOf(LocalDate day) {
        return Timestamp.from(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }
}
