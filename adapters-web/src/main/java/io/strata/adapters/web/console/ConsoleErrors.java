package io.strata.adapters.web.console;

import io.strata.application.campaign.CampaignNotFound;
import io.strata.application.segmentation.SegmentationNotFound;
import io.strata.application.tactical.TacticalSegmentNotFound;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Console pages answer a missing campaign, run or import with a page a person can read, not the API's problem JSON. */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ConsoleErrors {

    @ExceptionHandler({CampaignNotFound.class, SegmentationNotFound.class, TacticalSegmentNotFound.class, NoSuchPage.class})
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(RuntimeException e, Model model) {
        model.addAttribute("problem", e.getMessage());
        return "not-found";
    }

    /** An id in the address that cannot be one (letters where a number or UUID belongs) names nothing either. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String malformedId(MethodArgumentTypeMismatchException e, Model model) {
        model.addAttribute("problem", "'" + e.getValue() + "' is not a valid " + e.getName() + ", so this page does not exist.");
        return "not-found";
    }
}
