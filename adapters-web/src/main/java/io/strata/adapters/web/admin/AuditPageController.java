package io.strata.adapters.web.admin;

import io.strata.application.audit.AuditAction;
import io.strata.application.audit.AuditQuery;
import io.strata.application.audit.port.in.BrowseAuditTrail;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** A first console page for admins: the newest audit entries. Access to /admin/** is for ADMIN only. */
@Controller
public class AuditPageController {

    private static final int PAGE_SIZE = 100;

    private final BrowseAuditTrail trail;

    public AuditPageController(BrowseAuditTrail trail) {
        this.trail = trail;
    }

    @GetMapping("/admin/audit")
    String audit(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                 @RequestParam(required = false) String subjectType, @RequestParam(defaultValue = "0") int page, Model model) {
        AuditAction parsed = action == null || action.isBlank() ? null : AuditAction.parse(action);
        model.addAttribute("found", trail.search(new AuditQuery(actor, parsed, subjectType, null, null, null, Math.max(0, page), PAGE_SIZE)));
        model.addAttribute("actions", AuditAction.values());
        return "admin/audit";
    }
}
