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

    public CustomerErasurePageController(EraseCustomer erase) {
        this.erase = erase;
    }

    @GetMapping("/admin/customers/{customerId}/erase")
    String confirm(@PathVariable String customerId, Model model) {
        model.addAttribute("customerId", customerId);
        model.addAttribute("errors", new io.strata.adapters.web.console.FieldErrors());
        return "admin/erase";
    }

    /** Erasing cannot be undone, so the customer id must be typed again; a slip of the mouse erases nobody (422). */
    @PostMapping("/admin/customers/{customerId}/erase")
    String erase(@PathVariable String customerId, @RequestParam(defaultValue = "") String confirmId, Authentication who, Model model,
                 jakarta.servlet.http.HttpServletResponse response, RedirectAttributes flash) {
        if (!confirmId.strip().equals(customerId)) {
            response.setStatus(org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("customerId", customerId);
            model.addAttribute("errors", io.strata.adapters.web.console.FieldErrors.of("confirmId", confirmId.isBlank()
                    ? "Type the customer id, " + customerId + ", to confirm."
                    : "'" + confirmId.strip() + "' is not " + customerId + "; type the id exactly to confirm. Nothing was erased."));
            return "admin/erase";
        }
        try {
            Erasure erasure = erase.erase(new CustomerId(customerId), who.getName());
            flash.addFlashAttribute("message", "Customer '" + customerId + "' was erased: " + erasure.rows()
                    + " rows removed from " + erasure.rowsByTable().size() + " tables.");
        } catch (UnknownCustomer | IllegalArgumentException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/customers";
    }
}
