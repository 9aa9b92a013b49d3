package io.strata.adapters.web.prediction;

import io.strata.adapters.web.download.CsvColumn;
import io.strata.adapters.web.download.CsvDownload;
import io.strata.application.prediction.port.in.ReadPredictions;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.math.BigDecimal;
import java.util.List;

/** Every buyer's predictions of a run as CSV, the same file from the API and from the console. */
final class PredictionCsv {

    static final List<CsvColumn> HEADER = List.of(CsvColumn.text("customer_id"), CsvColumn.number("p_alive"),
            CsvColumn.number("expected_purchases_30d"), CsvColumn.number("expected_purchases_90d"), CsvColumn.number("expected_purchases_365d"),
            CsvColumn.number("expected_purchase_value"), CsvColumn.number("predicted_value"));

    private PredictionCsv() {
    }

    /** Checks the run first (unknown: not found, not completed: not ready), then streams. */
    static ResponseEntity<StreamingResponseBody> answer(ReadPredictions predictions, long runId) {
        predictions.predictions(runId);
        return CsvDownload.answer("run-" + runId + "-predictions.csv", HEADER, csv -> predictions.customers(runId, row ->
                csv.row(row.customerId(), plain(row.probabilityAlive()), plain(row.purchases30d()), plain(row.purchases90d()),
                        plain(row.purchases365d()), plain(row.expectedPurchaseValue()), plain(row.predictedValue()))));
    }

    /** Full precision without an exponent, so a spreadsheet reads a number. */
    private static BigDecimal plain(Double value) {
        return value == null ? null : BigDecimal.valueOf(value);
    }
}
