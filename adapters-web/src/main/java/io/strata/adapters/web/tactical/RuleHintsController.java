package io.strata.adapters.web.tactical;

import io.strata.adapters.web.console.ConsolePage;
import io.strata.application.tactical.port.in.SuggestRuleValues;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The builder's value hints, asked after a pause in typing beside the rule check: the most frequent values of the
 * field whose value is being typed (with counts), and a warning for each text value of the rule that no stored data
 * has, since such a rule silently matches nobody.
 */
@Controller
@ConsolePage
public class RuleHintsController {

    private final SuggestRuleValues values;

    public RuleHintsController(SuggestRuleValues values) {
        this.values = values;
    }

    @PostMapping("/tactical-segments/hints")
    String hints(@RequestParam(defaultValue = "") String rule, @RequestParam(required = false) Integer cursor, Model model) {
        int at = cursor == null ? rule.length() : cursor;
        model.addAttribute("values", values.valuesAt(rule, at).orElse(null));
        model.addAttribute("unseen", rule.isBlank() ? java.util.List.of() : values.valuesNeverSeen(rule));
        return "fragments/rule-hints :: hints";
    }
}
