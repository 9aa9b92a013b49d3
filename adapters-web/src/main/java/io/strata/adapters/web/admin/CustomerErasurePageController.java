package io.strata.adapters.web.admin;

import io.strata.adapters.web.console.ConsolePage;
import io.strata.application.erasure.port.in.EraseCustomer;
import io.strata.application.erasure.Erasure;
import io.strata.application.erasure.UnknownCustomer;
import io.strata.domain.customer.CustomerId;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Erasing a customer from the console: a confirmation page, then one POST; admins only (/admin/**). */
@Controller
@ConsolePage
public class CustomerErasurePageController {

    private final EraseCustomer erase;
    private final io.strata.application.customer.port.in.BrowseCustomers customers;

    public CustomerErasurePageController(EraseCustomer erase, io.strata.application.customer.port.in.BrowseCustomers customers) {
        this.erase = erase;
        this.customers = customers;
    }

    @GetMapping("/admin/customers/{customerId}/erase")
    String confirm(@PathVariable String customerId, Model model, jakarta.servlet.http.HttpServletResponse response) {
        model.addAttribute("customerId", customerId);
        model.addAttribute("errors", new io.strata.adapters.web.console.FieldErrors());
        missing(customerId, model, response);
        return "admin/erase";
    }

    /** Erasing cannot be undone, so the customer id must be typed again; a slip of the mouse erases nobody (422). */
    @PostMapping("/admin/customers/{customerId}/erase")
    String erase(@PathVariable String customerId, @RequestParam(defaultValue = "") String confirmId, Authentication who, Model model,
                 jakarta.servlet.http.HttpServletResponse response, RedirectAttributes flash) {
        model.addAttribute("customerId", customerId);
        if (missing(customerId, model, response)) {
            model.addAttribute("errors", new io.strata.adapters.web.console.FieldErrors());
            return "admin/erase";
        }
        if (!confirmId.strip().equals(customerId)) {
            response.setStatus(org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("errors", io.strata.adapters.web.console.FieldErrors.of("confirmId", confirmId.isBlank()
                    ? "Type the customer id, " + customerId + ", to confirm."
                    : "'" + cut(confirmId.strip()) + "' is not " + customerId + "; type the id exactly to confirm. Nothing was erased."));
            return "admin/erase";
        }
        try {
            Erasure erasure = erase.erase(new CustomerId(customerId), who.getName());
            flash.addFlashAttribute("message", "Customer '" + customerId + "' was erased: " + erasure.rows()
                    + " rows removed from " + erasure.rowsByTable().size() + " tables.");
        } catch (UnknownCustomer e) {
            // erased in another tab between the check above and now
            response.setStatus(org.springframework.http.HttpStatus.NOT_FOUND.value());
            model.addAttribute("missing", noSuchCustomer(customerId));
            model.addAttribute("errors", new io.strata.adapters.web.console.FieldErrors());
            return "admin/erase";
        }
        return "redirect:/customers";
    }

    /**
     * Whether there is nobody to erase under this id, which the page then says instead of asking to confirm (session 57's
     * probe: the page asked to confirm the erasure of "nope", and of a 70-character id, which then failed in the API's words).
     */
    private boolean missing(String customerId, Model model, jakarta.servlet.http.HttpServletResponse response) {
        if (CustomerId.characters(customerId) > CustomerId.MAX_LENGTH) {
            response.setStatus(org.springframework.http.HttpStatus.BAD_REQUEST.value());
            model.addAttribute("missing", "A customer id has at most " + CustomerId.MAX_LENGTH + " characters, and this one has "
                    + CustomerId.characters(customerId) + ", so no customer has it and nothing can be erased. Copy the id from the customer's page,"
                    + " or find the customer by the search, and open the erasure from there.");
            return true;
        }
        boolean known;
        try {
            known = customers.customer(new CustomerId(customerId)).isPresent();
        } catch (IllegalArgumentException e) {
            known = false;
        }
        if (!known) {
            response.setStatus(org.springframework.http.HttpStatus.NOT_FOUND.value());
            model.addAttribute("missing", noSuchCustomer(customerId));
        }
        return !known;
    }

    private static String noSuchCustomer(String customerId) {
        return "There is no customer with the id '" + cut(customerId) + "' (erased already, or the id is mistyped), so there is"
                + " nothing to erase and nothing was erased. Find the customer by the search and open the erasure from their page.";
    }

    private static String cut(String text) {
        return io.strata.domain.text.PlainText.cut(text, 80);
    }
}
