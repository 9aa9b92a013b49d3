package io.strata.adapters.web.console;

import io.strata.application.customer.BrowseCustomers;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
public class HomeController {

    private final BrowseCustomers customers;

    public HomeController(BrowseCustomers customers) {
        this.customers = customers;
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("customerCount", customers.countCustomers());
        return "home";
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }
}
