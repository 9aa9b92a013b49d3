package io.strata.adapters.spark.source;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Facts read from Parquet files in the lake layout (docs/scale-out.md): under one root, a directory per view
 * ({@code customers/}, {@code orders/}, {@code order_lines/}, {@code events/}), each holding Parquet files with the
 * columns and types of {@link FactViews}. A directory whose columns or types differ is refused before any work, with
 * the path, the column and the type expected.
 */
public final class ParquetFacts implements FactSource {

    private final String root;

    public ParquetFacts(String root) {
        this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    }

    @Override
    public void register(SparkSession spark, LocalDate asOf) {
        for (FactViews view : FactViews.values()) {
            String path = root + "/" + view.view();
            Dataset<Row> rows;
            try {
                rows = spark.read().parquet(path);
            } catch (Exception e) {
                // Spark's AnalysisException (a missing path) is checked and thrown undeclared
                throw new IllegalArgumentException("the lake has no readable Parquet files for " + view.view() + " at " + path + ": "
                        + e.getMessage() + " (layout: docs/scale-out.md)", e);
            }
            check(view, path, rows.schema().fields());
            rows.selectExpr(view.columns().keySet().toArray(String[]::new)).createOrReplaceTempView(view.view());
        }
    }

    /** Every column of the layout must be there with its type; more columns are allowed and ignored. */
    static void check(FactViews view, String path, StructField[] fields) {
        for (Map.Entry<String, DataType> column : view.columns().entrySet()) {
            Optional<StructField> found = Arrays.stream(fields).filter(f -> f.name().equalsIgnoreCase(column.getKey())).findFirst();
            if (found.isEmpty()) {
                throw new IllegalArgumentException("the Parquet files for " + view.view() + " at " + path + " have no column '"
                        + column.getKey() + "' (" + column.getValue().sql() + "); the layout needs " + view.columnList() + " (docs/scale-out.md)");
            }
            if (!found.get().dataType().equals(column.getValue())) {
                throw new IllegalArgumentException("the Parquet files for " + view.view() + " at " + path + " have column '"
                        + column.getKey() + "' as " + found.get().dataType().sql() + ", the layout needs " + column.getValue().sql()
                        + " (docs/scale-out.md)");
            }
        }
    }

    @Override
    public String describe() {
        return "Parquet lake at " + root;
    }
}
