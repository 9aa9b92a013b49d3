package io.strata.adapters.web.admin;

import io.strata.adapters.web.console.ConsolePage;
import io.strata.adapters.web.console.FieldErrors;
import io.strata.adapters.web.console.PlannerWords;
import io.strata.application.audit.EditedMeanwhile;
import io.strata.application.campaign.DestinationInUse;
import io.strata.application.campaign.DestinationNotFound;
import io.strata.application.campaign.port.in.ManageDestinations;
import io.strata.application.campaign.port.in.SetFrequencyCaps;
import io.strata.domain.campaign.Channel;
import io.strata.domain.campaign.FrequencyCap;
import io.strata.domain.campaign.InvalidCampaign;
import io.strata.domain.campaign.InvalidDeliverySetting;
import io.strata.domain.edit.Revision;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Admins set frequency caps per channel and manage webhook destinations here, through the same use cases as the API
 * (so the same audit entries are written). A refused form is shown again (422) with what was typed (never the secret)
 * and the message next to its field: {@code cap.maxDeliveries}, {@code cap.windowDays}, {@code destination.name},
 * {@code destination.url}, {@code destination.secret}, {@code destination.channels}.
 *
 * <p>Every form carries the revisions of what it changes as the page showed them (docs/console.md, "Two people editing
 * the same thing"): the cap form one per channel ({@code seen.cap.email}, …: the channel is chosen in the form), the
 * destination form one per destination listed ({@code seen.destination.crm-email}, …) and {@code seen.destinations}, which
 * says the form knew the list (a name it did not list but that exists now was added meanwhile), and each Lift and Delete
 * button its own ({@code seen}). A change after another admin's is not made: 409, the page with what was typed, a message
 * naming who changed it and when, and what is stored now; the page then carries the current revisions.
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
        List<FrequencyCap> stored = caps.caps();
        model.addAttribute("caps", stored.stream().map(c -> new CapRow(c.channel().key(), c.maxDeliveries(), c.windowDays(),
                SetFrequencyCaps.revisionOf(c.channel(), Optional.of(c)).value())).toList());
        Map<String, String> capSeen = new LinkedHashMap<>();
        for (Channel channel : Channel.values()) {
            capSeen.put(channel.key(), SetFrequencyCaps.revisionOf(channel, stored.stream().filter(c -> c.channel() == channel).findFirst()).value());
        }
        model.addAttribute("capSeen", capSeen);
        model.addAttribute("destinations", destinations.destinations().stream().map(d -> new DestinationRow(d.name(), d.url().toString(),
                d.secretHint(), d.channels().stream().sorted().map(Channel::key).toList(), d.revision().value())).toList());
        model.addAttribute("channels", List.of(Channel.values()).stream().map(Channel::key).toList());
        return "admin/delivery";
    }

    public record CapRow(String channel, int maxDeliveries, int windowDays, String revision) {
    }

    public record DestinationRow(String name, String url, String secretHint, List<String> channels, String revision) {
    }

    /** The page again with 409: nothing was changed, because what the form was sent about changed since the page was shown. */
    private String conflict(String message, String storedNow, FieldErrors errors, Map<String, String> typed, Model model,
                            HttpServletResponse response) {
        response.setStatus(HttpStatus.CONFLICT.value());
        model.addAttribute("conflict", PlannerWords.say(message));
        model.addAttribute("storedNow", storedNow);
        return page(errors, typed, model);
    }

    private String capNow(Channel channel) {
        return caps.cap(channel).map(c -> "At most " + c.maxDeliveries() + " " + channel.key() + " deliveries per customer in " + c.windowDays()
                + " days.").orElse("No cap on " + channel.key() + ".");
    }

    private String destinationNow(String name) {
        return destinations.destinations().stream().filter(d -> d.name().equals(name)).findFirst()
                .map(d -> "Destination '" + d.name() + "': " + d.url() + ", secret " + d.secretHint() + ", default for "
                        + (d.channels().isEmpty() ? "no channel" : String.join(", ", d.channels().stream().map(Channel::key).sorted().toList())) + ".")
                .orElse("No destination named '" + name + "'.");
    }

    /** The revisions a form says its editor read: null (no check) when it names none, one that matches nothing when it is no revision. */
    private static List<Revision> seen(String seen) {
        if (seen == null || seen.isBlank()) {
            return null;
        }
        return Revision.wellFormed(seen.strip()) ? List.of(new Revision(seen.strip())) : List.of();
    }

    @PostMapping("/admin/delivery/caps")
    String setCap(@RequestParam(defaultValue = "") String channel, @RequestParam(defaultValue = "") String maxDeliveries,
                  @RequestParam(defaultValue = "") String windowDays, @RequestParam Map<String, String> form, Model model,
                  HttpServletResponse response, RedirectAttributes flash) {
        Map<String, String> typed = Map.of("cap.channel", channel, "cap.maxDeliveries", maxDeliveries, "cap.windowDays", windowDays);
        FieldErrors errors = new FieldErrors();
        try {
            FrequencyCap cap = caps.setCap(new FrequencyCap(Channel.parse(channel, "channel"), number(maxDeliveries, "maxDeliveries"),
                    number(windowDays, "windowDays")), seen(form.get("seen.cap." + channel.strip())));
            flash.addFlashAttribute("message", "At most " + cap.maxDeliveries() + " " + cap.channel().key() + " deliveries per customer in "
                    + cap.windowDays() + " days, from the next launch on.");
            return "redirect:/admin/delivery";
        } catch (InvalidDeliverySetting e) {
            errors.add("cap." + e.field(), e.getMessage());
        } catch (InvalidCampaign e) {
            errors.add("cap.channel", e.getMessage());
        } catch (EditedMeanwhile e) {
            return conflict(e.getMessage(), capNow(Channel.parse(channel, "channel")), errors, typed, model, response);
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return page(errors, typed, model);
    }

    @PostMapping("/admin/delivery/caps/{channel}/remove")
    String removeCap(@PathVariable String channel, @RequestParam(required = false) String seen, Model model, HttpServletResponse response,
                     RedirectAttributes flash) {
        Channel parsed = Channel.parse(channel, "channel");
        try {
            flash.addFlashAttribute("message", caps.removeCap(parsed, seen(seen)) ? "The " + parsed.key() + " cap is lifted." : "The " + parsed.key()
                    + " channel had no cap.");
        } catch (EditedMeanwhile e) {
            return conflict(e.getMessage(), capNow(parsed), new FieldErrors(), Map.of(), model, response);
        }
        return "redirect:/admin/delivery";
    }

    /** Adds the destination, or changes the one of that name (a blank secret keeps its secret). */
    @PostMapping("/admin/delivery/destinations")
    String saveDestination(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String url,
                           @RequestParam(defaultValue = "") String secret, @RequestParam(required = false) List<String> channels,
                           @RequestParam Map<String, String> form, Model model, HttpServletResponse response, RedirectAttributes flash) {
        Map<String, String> typed = new HashMap<>(Map.of("destination.name", name, "destination.url", url));
        List<String> chosen = channels == null ? List.of() : channels;
        chosen.forEach(c -> typed.put("destination.channel." + c, "on"));
        FieldErrors errors = new FieldErrors();
        // what the page showed of this name: its revision, or (the page listed the destinations) that there was none
        String seenOfName = form.get("seen.destination." + name.strip());
        boolean listed = form.containsKey("seen.destinations");
        try {
            boolean exists = destinations.destinations().stream().anyMatch(d -> d.name().equals(name.strip()));
            if (exists || seenOfName != null) {
                List<Revision> seen = seenOfName != null ? seen(seenOfName) : listed ? List.of() : null;
                destinations.update(name, url, secret.isBlank() ? null : secret, chosen, seen);
            } else {
                destinations.create(name, url, secret, chosen);
            }
            flash.addFlashAttribute("message", "Destination '" + name.strip() + "' " + (exists ? "changed." : "added."));
            return "redirect:/admin/delivery";
        } catch (InvalidDeliverySetting e) {
            errors.add("destination." + (e.field().startsWith("channels") ? "channels" : e.field()), e.getMessage());
        } catch (EditedMeanwhile e) {
            return conflict(e.getMessage(), destinationNow(name.strip()), errors, typed, model, response);
        } catch (DestinationNotFound e) {
            // the page listed it, and it was deleted since: saving again adds it anew
            return conflict("Destination '" + name.strip() + "' was deleted after you read it. Your changes were not saved, so as not to"
                    + " bring it back unseen: save again to add it anew, or leave it deleted.", destinationNow(name.strip()), errors, typed, model,
                    response);
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return page(errors, typed, model);
    }

    @PostMapping("/admin/delivery/destinations/{name}/delete")
    String deleteDestination(@PathVariable String name, @RequestParam(required = false) String seen, Model model, HttpServletResponse response,
                             RedirectAttributes flash) {
        try {
            destinations.delete(name, seen(seen));
            flash.addFlashAttribute("message", "Destination '" + name + "' deleted.");
        } catch (DestinationInUse | DestinationNotFound e) {
            flash.addFlashAttribute("error", e.getMessage());
        } catch (EditedMeanwhile e) {
            return conflict(e.getMessage(), destinationNow(name), new FieldErrors(), Map.of(), model, response);
        }
        return "redirect:/admin/delivery";
    }

    private static int number(String text, String field) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidDeliverySetting(field, field + " '" + io.strata.domain.text.PlainText.echo(text) + "' is not a whole number");
        }
    }
}
