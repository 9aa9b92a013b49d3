package io.strata.adapters.web.security;

import io.strata.adapters.web.console.ConsolePage;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
@ConsolePage
public class LoginController {

    @GetMapping("/login")
    String login() {
        return "login";
    }
}
