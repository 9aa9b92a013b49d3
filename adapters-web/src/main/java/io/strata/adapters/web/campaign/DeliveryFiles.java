package io.strata.adapters.web.campaign;

import io.strata.application.campaign.Delivery;
import io.strata.application.campaign.port.in.MeasureCampaigns;
import io.strata.adapters.web.download.CsvColumn;
import io.strata.adapters.web.download.CsvDownload;
import io.strata.adapters.web.download.NdjsonDownload;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A launched campaign's deliveries as downloads, CSV or NDJSON with the same field names, streamed from the outbox
 * row by row. The API and the console answer with the same files.
 */
public final class DeliveryFiles {

    public static final String NDJSON = "application/x-ndjson";
    /**
     * tactical_segment_id names the action list (empty: the default actions); destination, where the delivery goes (a
     * destination's name, or STRATA_DISPATCH_WEBHOOK_URL for the start-up setting). Each came last when it was added, so
     * that existing readers keep their columns.
     */
    static final List<CsvColumn> HEADER = List.of(CsvColumn.text("customer_id"), CsvColumn.text("email"), CsvColumn.text("phone"),
            CsvColumn.text("channel"), CsvColumn.text("content"), CsvColumn.number("discount_percent"), CsvColumn.text("status"),
            CsvColumn.number("attempts"), CsvColumn.text("last_error"), CsvColumn.number("tactical_segment_id"), CsvColumn.text("destination"));
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DeliveryFiles() {
    }

    /** Refuses (CampaignConflict) before anything is sent when the campaign has not been launched. */
    public static ResponseEntity<StreamingResponseBody> csv(MeasureCampaigns measures, long id) {
        measures.audience(id);
        return CsvDownload.answer("campaign-" + id + "-deliveries.csv", HEADER, csv -> measures.deliveries(id, d -> csv.row(
                d.customerId(), d.email(), d.phone(), d.channel().key(), d.content(), d.discountPercent(), d.status().name(), d.attempts(),
                d.lastError(), CampaignBodies.tacticalSegmentId(d.actionList()), d.destination())));
    }

    /**
     * The same deliveries as NDJSON, streamed as every download is ({@link CsvDownload#streamed}: read by cursor within a
     * read-only transaction, under the time limit, cut midway without the file's end, in one of the node's download slots).
     * Refuses (CampaignConflict) before anything is sent when the campaign has not been launched.
     */
    public static ResponseEntity<StreamingResponseBody> ndjson(MeasureCampaigns measures, long id) {
        measures.audience(id);
        return CsvDownload.streamed("campaign-" + id + "-deliveries.ndjson", NdjsonDownload.NDJSON, NdjsonDownload::start,
                ndjson -> measures.deliveries(id, d -> ndjson.line(JSON.writeValueAsString(row(d)))));
    }

    private static Map<String, Object> row(Delivery d) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("customer_id", d.customerId());
        row.put("email", d.email());
        row.put("phone", d.phone());
        row.put("channel", d.channel().key());
        row.put("content", d.content());
        row.put("discount_percent", d.discountPercent());
        row.put("status", d.status().name());
        row.put("attempts", d.attempts());
        row.put("last_error", d.lastError());
        row.put("tactical_segment_id", CampaignBodies.tacticalSegmentId(d.actionList()));
        row.put("destination", d.destination());
        return row;
    }

}
