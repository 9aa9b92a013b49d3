package io.strata.adapters.spark.source;

import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import java.time.LocalDate;

/** Writes the facts of any source as a Parquet lake in the layout {@link ParquetFacts} reads (docs/scale-out.md). */
public final class LakeExport {

    private LakeExport() {
    }

    public static void write(SparkSession spark, FactSource source, LocalDate asOf, String root) {
        SparkSession session = spark.newSession();
        source.register(session, asOf);
        for (FactViews view : FactViews.values()) {
            session.table(view.view()).selectExpr(view.columns().keySet().toArray(String[]::new))
                    .write().mode(SaveMode.Overwrite).parquet(root + "/" + view.view());
        }
    }
}
