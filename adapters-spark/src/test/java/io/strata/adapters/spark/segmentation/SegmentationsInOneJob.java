package io.strata.adapters.spark.segmentation;

import io.strata.adapters.spark.source.FactViews;
import io.strata.adapters.spark.source.JdbcFacts;
import io.strata.adapters.spark.testing.LocalSpark;
import io.strata.domain.rule.FieldCatalogue;
import io.strata.domain.segmentation.GeneralSegmentation;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Several segmentations compiled by {@link AssignmentQuery} and answered by one Spark job: each query in a subquery of
 * a {@code union all}, its parameters renamed apart, over the facts read once by partitioned JDBC reads (cached for the
 * job, uncached after it: the next try's reads have the same plan and must not find this try's rows). The compiler's
 * meaning without the sink, so that a property can afford hundreds of segmentations.
 */
final class SegmentationsInOneJob {

    private static final Pattern PARAMETER = Pattern.compile(":p([0-9]+)\\b");

    private SegmentationsInOneJob() {
    }

    /** Per segmentation, in order: customer id → "segment r f m recency frequency monetary". */
    static List<Map<String, String>> assign(List<GeneralSegmentation> segmentations, LocalDate asOf, FieldCatalogue catalogue) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < segmentations.size(); i++) {
            SparkQuery query = AssignmentQuery.compile(segmentations.get(i).basis(), asOf, catalogue);
            String prefix = "s" + i + "p";
            query.arguments().forEach((name, value) -> arguments.put(prefix + name.substring(1), value));
            Matcher marker = PARAMETER.matcher(query.text());
            parts.add("select " + i + " as segmentation, q.* from (" + marker.replaceAll(":" + prefix + "$1") + ") q");
        }
        String text = "select u.segmentation, c.customer_id, u.segment_key, u.r, u.f, u.m, u.recency_days, u.frequency, u.monetary from ("
                + String.join("\nunion all\n", parts) + ") u join customers c on c.customer_key = u.customer_key";

        SparkSession spark = LocalSpark.forRun();
        new JdbcFacts(LocalSpark.database(), 2).register(spark, asOf);
        for (FactViews view : FactViews.values()) {
            spark.catalog().cacheTable(view.view());
        }
        try {
            List<Map<String, String>> assignments = new ArrayList<>();
            segmentations.forEach(s -> assignments.add(new HashMap<>()));
            for (Row row : spark.sql(text, arguments).collectAsList()) {
                String assigned = row.get(2) + " " + row.get(3) + " " + row.get(4) + " " + row.get(5) + " " + row.get(6) + " " + row.get(7)
                        + " " + ((BigDecimal) row.get(8)).stripTrailingZeros().toPlainString();
                if (assignments.get(row.getInt(0)).put(row.getString(1), assigned) != null) {
                    throw new AssertionError("segmentation " + row.getInt(0) + " assigned customer " + row.getString(1) + " twice");
                }
            }
            return assignments;
        } finally {
            for (FactViews view : FactViews.values()) {
                spark.catalog().uncacheTable(view.view());
            }
        }
    }
}
