package io.strata.adapters.web.console;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import java.util.List;

/**
 * Tells the layout which navigation item the page belongs to, so that item carries {@code aria-current="page"}.
 * Thymeleaf 3.1 no longer exposes the request to templates, hence a model attribute.
 */
@ControllerAdvice(basePackages = "io.strata.adapters.web")
public class NavigationSection {

    /** Path prefixes in the order they are tried; the first that matches names the section. */
    private static final List<String[]> SECTIONS = List.of(
            new String[]{"/segmentation", "segmentations"},
            new String[]{"/segments/", "dashboard"},
            new String[]{"/tactical-segments", "tactical"},
            new String[]{"/campaigns", "campaigns"},
            new String[]{"/action-plan", "campaigns"},
            new String[]{"/customers", "customers"},
            new String[]{"/admin/customers", "customers"},
            new String[]{"/imports", "imports"},
            new String[]{"/admin/access", "access"},
            new String[]{"/admin/audit", "audit"});

    @ModelAttribute("navSection")
    public String navSection(HttpServletRequest request) {
        return of(request.getRequestURI().substring(request.getContextPath().length()));
    }

    static String of(String path) {
        if (path.isEmpty() || path.equals("/")) {
            return "dashboard";
        }
        return SECTIONS.stream().filter(s -> path.startsWith(s[0])).map(s -> s[1]).findFirst().orElse("");
    }
}
