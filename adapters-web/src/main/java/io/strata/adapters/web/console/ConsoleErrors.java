package io.strata.adapters.web.console;

import io.strata.application.campaign.CampaignNotFound;
import io.strata.application.imports.Excerpt;
import io.strata.application.segmentation.SegmentationNotFound;
import io.strata.application.tactical.TacticalSegmentNotFound;
import org.springframework.beans.InvalidPropertyException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Console pages answer a missing campaign, run or import with a page a person can read, not the API's problem JSON.
 * It applies to the controllers marked {@link ConsolePage}: the page controllers moved out of this package into their
 * areas, and a scope by package then silently covered none of them (an unknown import's page was a 500).
 */
@ControllerAdvice(annotations = ConsolePage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ConsoleErrors {

    /** A field name is quoted back at most this long: the form's body, not the page, bounds what a client may send. */
    private static final int FIELD_ECHO = 200;

    @ExceptionHandler({CampaignNotFound.class, SegmentationNotFound.class, TacticalSegmentNotFound.class, NoSuchPage.class})
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(RuntimeException e, Model model) {
        model.addAttribute("problem", e.getMessage());
        return "not-found";
    }

    /**
     * A console download beyond the node's cap of downloads under way at once: a page in words with when to try again
     * (503, Retry-After), like the API's problem; the link's file is not started.
     */
    @ExceptionHandler(io.strata.adapters.web.download.DownloadsBusy.class)
    String downloadsBusy(io.strata.adapters.web.download.DownloadsBusy e, Model model, jakarta.servlet.http.HttpServletResponse response) {
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader(org.springframework.http.HttpHeaders.RETRY_AFTER, Integer.toString(e.retryAfterSeconds()));
        model.addAttribute("title", io.strata.adapters.web.download.DownloadsBusy.TITLE);
        model.addAttribute("problem", e.getMessage());
        return "refused";
    }

    /** An id in the address that cannot be one (letters where a number or UUID belongs) names nothing either. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String malformedId(MethodArgumentTypeMismatchException e, Model model) {
        model.addAttribute("problem", "'" + e.getValue() + "' is not a valid " + e.getName() + ", so this page does not exist.");
        return "not-found";
    }

    /** An "older" link's cursor that was edited into something no list has. */
    @ExceptionHandler(io.strata.adapters.web.problem.InvalidListCursor.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String invalidCursor(RuntimeException e, Model model) {
        model.addAttribute("problem", "This address does not name a place in the list: " + e.getMessage()
                + ". Open the list from the menu and follow its Older links instead.");
        return "refused";
    }

    /**
     * A form field the page never sends, such as a campaign action at a negative index or past the last row a form can
     * hold ({@code actions[300].channel}), or an index that is not a number: the binder refuses it before any check of
     * ours runs, so the answer names the field here instead of a 500 or Java's parse message.
     */
    @ExceptionHandler({InvalidPropertyException.class, NumberFormatException.class})
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String unreadableForm(RuntimeException e, Model model) {
        String field = e instanceof InvalidPropertyException invalid ? "'" + Excerpt.of(invalid.getPropertyName(), FIELD_ECHO) + "'" : "a field";
        model.addAttribute("problem", "The form sent " + field + ", which this page does not have; reload the page and fill it in again.");
        return "refused";
    }
}
