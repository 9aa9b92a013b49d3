package io.strata.adapters.web.customer;

import io.strata.adapters.web.console.ConsolePage;
import io.strata.application.customer.port.in.BrowseCustomers;
import io.strata.application.prediction.PredictionStatus;
import io.strata.application.prediction.port.in.ReadPredictions;
import io.strata.application.segmentation.port.in.RunSegmentation;
import io.strata.domain.customer.Customer;
import io.strata.domain.customer.CustomerId;
import io.strata.domain.customer.InvalidCustomerData;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** One customer: profile, attributes, predicted value, latest orders and events, and the general segment in every run. */
@Controller
@ConsolePage
public class CustomerPageController {

    private final BrowseCustomers customers;
    private final RunSegmentation runs;
    private final ReadPredictions predictions;
    private final io.strata.application.tactical.port.in.ManageTacticalSegments tactical;
    private final io.strata.application.campaign.port.in.MeasureCampaigns campaigns;

    public CustomerPageController(BrowseCustomers customers, RunSegmentation runs, ReadPredictions predictions,
                                  io.strata.application.tactical.port.in.ManageTacticalSegments tactical,
                                  io.strata.application.campaign.port.in.MeasureCampaigns campaigns) {
        this.tactical = tactical;
        this.campaigns = campaigns;
        this.customers = customers;
        this.runs = runs;
        this.predictions = predictions;
    }

    @GetMapping("/customers")
    String find(@RequestParam(required = false) String q) {
        if (q == null || q.isBlank()) {
            return "customers";
        }
        Optional<Customer> found = lookup(q.strip());
        if (found.isPresent()) {
            return "redirect:/customers/" + UriUtils.encodePathSegment(found.get().id().value(), StandardCharsets.UTF_8);
        }
        // not an id: look for it as an id prefix, email or name fragment
        return "redirect:/search?q=" + UriUtils.encodeQueryParam(q.strip(), StandardCharsets.UTF_8);
    }

    @GetMapping("/customers/{customerId}")
    String customer(@PathVariable String customerId, Model model) {
        Customer customer = lookup(customerId).orElse(null);
        model.addAttribute("customerId", customerId);
        model.addAttribute("customer", customer);
        if (customer != null) {
            model.addAttribute("orders", customers.recentOrders(customer.id(), 50));
            model.addAttribute("events", customers.recentEvents(customer.id(), 50));
            model.addAttribute("history", runs.segmentHistory(customer.id().value()));
            model.addAttribute("prediction", predictions.latestFor(customer.id().value()).orElse(null));
            // a run whose models were not fitted has no predicted fields: say why instead of leaving them empty (issue 18)
            runs.latestCompletedRun().map(run -> predictions.predictions(run.runId())).filter(summary -> summary.status() == PredictionStatus.NOT_FITTED)
                    .ifPresent(summary -> model.addAttribute("notFitted", summary));
            // issue 18, "Also": what the planner did with this customer, beside what the customer did
            model.addAttribute("tacticalMemberships", tactical.segmentsOf(customer.id().value()));
            model.addAttribute("campaignsReceived", campaigns.campaignsOf(customer.id().value()));
        }
        return "customer";
    }

    private Optional<Customer> lookup(String id) {
        try {
            return customers.customer(new CustomerId(id));
        } catch (InvalidCustomerData e) {
            return Optional.empty();
        }
    }
}
