package io.strata.adapters.web.busy;

import io.strata.adapters.web.console.ConsolePage;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

import java.sql.SQLTransientConnectionException;

/** A console page that waited in vain for a database connection shows the console's page saying so (503, Retry-After). */
@ControllerAdvice(annotations = ConsolePage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ConsoleBusy {

    @ExceptionHandler(SQLTransientConnectionException.class)
    String databaseBusy(Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseBusy.RETRY_AFTER_SECONDS));
        model.addAttribute("problem", DatabaseBusy.DETAIL);
        return "busy";
    }
}
