package io.strata.adapters.web.customer;

import io.strata.application.segmentation.CustomerRunEntry;
import io.strata.application.customer.port.in.BrowseCustomers;
import io.strata.application.segmentation.port.in.RunSegmentation;
import io.strata.application.segmentation.SegmentationNotFound;
import io.strata.application.segmentation.port.out.SegmentationRuns;
import io.strata.application.tactical.port.in.ManageTacticalSegments;
import io.strata.domain.customer.Customer;
import io.strata.domain.customer.CustomerId;
import io.strata.domain.customer.FieldType;
import io.strata.domain.customer.ProfileField;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@RestController
@RequestMapping("/api/v1/customers")
@Tag(name = "Customers")
public class CustomerController {

    private final BrowseCustomers customers;
    private final RunSegmentation runs;
    private final ManageTacticalSegments tactical;

    public CustomerController(BrowseCustomers customers, RunSegmentation runs, ManageTacticalSegments tactical) {
        this.customers = customers;
        this.runs = runs;
        this.tactical = tactical;
    }

    record TacticalEntry(long id, String name) {
    }

    record Scores(Integer r, Integer f, Integer m) {
    }

    record Metrics(Integer recencyDays, int frequency, BigDecimal monetary) {
    }

    record SegmentEntry(long runId, LocalDate asOf, long segmentationId, String segmentation, String segment, String segmentName,
                        Scores scores, Metrics metrics) {
        static SegmentEntry of(CustomerRunEntry e) {
            return new SegmentEntry(e.runId(), e.asOf(), e.segmentationId(), e.segmentationName(), e.segment(), e.segmentName(),
                    new Scores(e.r(), e.f(), e.m()), new Metrics(e.recencyDays(), e.frequency(), e.monetary()));
        }
    }

    /**
     * The profile's fields with their JSON types: the opt-ins are {@code true}/{@code false}, not the text "true" (the
     * contract's "true/false"; before session 51 they were strings), the rest text (dates as YYYY-MM-DD) or null.
     */
    record CustomerBody(String customerId, Map<String, Object> profile, Map<String, String> attributes, SegmentEntry current,
                        List<TacticalEntry> tacticalSegments, List<SegmentEntry> history) {
    }

    @GetMapping("/{customerId}")
    @Operation(summary = "A customer's profile and, as of the latest completed run, its general segment, metrics and scores, with its segment history")
    public CustomerBody customer(@PathVariable String customerId) {
        Customer customer = customers.customer(new CustomerId(customerId))
                .orElseThrow(() -> new SegmentationNotFound("there is no customer '" + customerId + "'"));
        Map<String, Object> profile = new LinkedHashMap<>();
        for (ProfileField field : ProfileField.values()) {
            String value = customer.profile().get(field);
            profile.put(field.column(), value != null && field.type() == FieldType.BOOLEAN ? Boolean.valueOf(value) : value);
        }
        List<SegmentEntry> history = runs.segmentHistory(customerId).stream().map(SegmentEntry::of).toList();
        Long latest = runs.latestCompletedRun().map(r -> r.runId()).orElse(null);
        SegmentEntry current = history.stream().filter(h -> latest != null && h.runId() == latest).findFirst().orElse(null);
        List<TacticalEntry> tacticalSegments = tactical.segmentsOf(customerId).stream()
                .map(t -> new TacticalEntry(t.id(), t.segment().name())).toList();
        return new CustomerBody(customer.id().value(), profile, customer.attributes(), current, tacticalSegments, history);
    }
}
