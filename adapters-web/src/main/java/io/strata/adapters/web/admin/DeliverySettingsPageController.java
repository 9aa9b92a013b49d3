package io.strata.adapters.web.admin;

import io.strata.adapters.web.console.ConsolePage;
import io.strata.adapters.web.console.FieldErrors;
import io.strata.application.campaign.DestinationInUse;
import io.strata.application.campaign.DestinationNotFound;
import io.strata.application.campaign.port.in.ManageDestinations;
import io.strata.application.campaign.port.in.SetFrequencyCaps;
import io.strata.domain.campaign.Channel;
import io.strata.domain.campaign.FrequencyCap;
import io.strata.domain.campaign.InvalidCampaign;
import io.strata.domain.campaign.InvalidDeliverySetting;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Admins set frequency caps per channel and manage webhook destinations here, through the same use cases as the API
 * (so the same audit entries are written). A refused form is shown again (422) with what was typed (never the secret)
 * and the message next to its field: {@code cap.maxDeliveries}, {@code cap.windowDays}, {@code destination.name},
 * {@code destination.url}, {@code destination.secret}, {@code destination.channels}.
 */
@Controller
@ConsolePage
public class DeliverySettingsPageController {

    private final SetFrequencyCaps caps;
    private final ManageDestinations destinations;

    public DeliverySettingsPageController(SetFrequencyCaps caps, ManageDestinations destinations) {
        this.caps = caps;
        this.destinations = destinations;
    }

    @GetMapping("/admin/delivery")
    String page(Model model) {
        return page(new FieldErrors(), Map.of(), model);
    }

    private String page(FieldErrors errors, Map<String, String> typed, Model model) {
        model.addAttribute("errors", errors);
        model.addAttribute("typed", typed);
        model.addAttribute("caps", caps.caps());
        model.addAttribute("destinations", destinations.destinations().stream().map(d -> new DestinationRow(d.name(), d.url().toString(),
                d.secretHint(), d.channels().stream().sorted().map(Channel::key).toList())).toList());
        model.addAttribute("channels", List.of(Channel.values()).stream().map(Channel::key).toList());
        return "admin/delivery";
    }

    public record DestinationRow(String name, String url, String secretHint, List<String> channels) {
    }

    @PostMapping("/admin/delivery/caps")
    String setCap(@RequestParam(defaultValue = "") String channel, @RequestParam(defaultValue = "") String maxDeliveries,
                  @RequestParam(defaultValue = "") String windowDays, Model model, HttpServletResponse response, RedirectAttributes flash) {
        Map<String, String> typed = Map.of("cap.channel", channel, "cap.maxDeliveries", maxDeliveries, "cap.windowDays", windowDays);
        FieldErrors errors = new FieldErrors();
        try {
            FrequencyCap cap = caps.setCap(new FrequencyCap(Channel.parse(channel, "channel"), number(maxDeliveries, "maxDeliveries"),
                    number(windowDays, "windowDays")));
            flash.addFlashAttribute("message", "At most " + cap.maxDeliveries() + " " + cap.channel().key() + " deliveries per customer in "
                    + cap.windowDays() + " days, from the next launch on.");
            return "redirect:/admin/delivery";
        } catch (InvalidDeliverySetting e) {
            errors.add("cap." + e.field(), e.getMessage());
        } catch (InvalidCampaign e) {
            errors.add("cap.channel", e.getMessage());
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return page(errors, typed, model);
    }

    @PostMapping("/admin/delivery/caps/{channel}/remove")
    String removeCap(@PathVariable String channel, RedirectAttributes flash) {
        Channel parsed = Channel.parse(channel, "channel");
        flash.addFlashAttribute("message", caps.removeCap(parsed) ? "The " + parsed.key() + " cap is lifted." : "The " + parsed.key()
                + " channel had no cap.");
        return "redirect:/admin/delivery";
    }

    /** Adds the destination, or changes the one of that name (a blank secret keeps its secret). */
    @PostMapping("/admin/delivery/destinations")
    String saveDestination(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String url,
                           @RequestParam(defaultValue = "") String secret, @RequestParam(required = false) List<String> channels,
                           Model model, HttpServletResponse response, RedirectAttributes flash) {
        Map<String, String> typed = new HashMap<>(Map.of("destination.name", name, "destination.url", url));
        List<String> chosen = channels == null ? List.of() : channels;
        chosen.forEach(c -> typed.put("destination.channel." + c, "on"));
        FieldErrors errors = new FieldErrors();
        try {
            boolean exists = destinations.destinations().stream().anyMatch(d -> d.name().equals(name.strip()));
            if (exists) {
                destinations.update(name, url, secret.isBlank() ? null : secret, chosen);
            } else {
                destinations.create(name, url, secret, chosen);
            }
            flash.addFlashAttribute("message", "Destination '" + name.strip() + "' " + (exists ? "changed." : "added."));
            return "redirect:/admin/delivery";
        } catch (InvalidDeliverySetting e) {
            errors.add("destination." + (e.field().startsWith("channels") ? "channels" : e.field()), e.getMessage());
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return page(errors, typed, model);
    }

    @PostMapping("/admin/delivery/destinations/{name}/delete")
    String deleteDestination(@PathVariable String name, RedirectAttributes flash) {
        try {
            destinations.delete(name);
            flash.addFlashAttribute("message", "Destination '" + name + "' deleted.");
        } catch (DestinationInUse | DestinationNotFound e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/admin/delivery";
    }

    private static int number(String text, String field) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidDeliverySetting(field, field + " '" + text + "' is not a whole number");
        }
    }
}
