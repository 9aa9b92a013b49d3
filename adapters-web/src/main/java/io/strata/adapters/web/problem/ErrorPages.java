package io.strata.adapters.web.problem;

import io.strata.adapters.web.console.ConsolePage;
import io.strata.application.imports.Excerpt;
import io.strata.application.incident.Incident;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the servlet container sends to /error: refusals made outside any controller (Spring Security's firewall and
 * CSRF check, a method no servlet takes, a console address {@link ApiProblems} hands on) and anything unforeseen.
 * It takes the place of Spring Boot's error controller, whose answers were Spring's JSON or its "Whitelabel" page, and
 * a 500 when /error was called directly. API addresses get problem JSON; everything else the console's page.
 */
@Controller
@ConsolePage // it renders the console's pages (ConsolePagesTest); it throws nothing for ConsoleErrors to answer
public class ErrorPages implements ErrorController {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int ECHO = 200;

    /** A request attribute with the words of a 400 or 415 that a handler sent here (an upload that cannot be read, a compressed body). */
    static final String DETAIL = ErrorPages.class.getName() + ".detail";

    /**
     * Tomcat could not read the parameters of the address or of a form body (it throws when they are first asked for):
     * a broken %-escape, more of them than it takes, or characters that are not of the request's charset.
     */
    static final String PARAMETERS = "The parameters of the address or form cannot be read: one holds a broken %-escape (a % must "
            + "be followed by two hexadecimal digits), or there are more than 1,000 of them; encode the values (a % as %25) and "
            + "send fewer parameters.";

    @RequestMapping("/error")
    ModelAndView error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (response.isCommitted()) {
            // part of the answer went out already (a download cut midway: CsvDownload): nothing can be written after it,
            // and the container closes the connection without the answer's end, as the client must see it (Tomcat
            // includes this page into a committed answer, and a page rendered here failed with a second trace)
            return null;
        }
        boolean direct = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) == null;
        HttpStatus status = direct ? HttpStatus.NOT_FOUND : statusOf(request);
        String path = direct ? request.getRequestURI() : String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        boolean api = RequestProblems.isApi(path) || (direct && !acceptsHtml(request));
        String detail = detail(status, path, request, api);
        if (api) {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "about:blank");
            problem.put("title", status.getReasonPhrase());
            problem.put("status", status.value());
            problem.put("detail", detail);
            problem.put("instance", Excerpt.of(path, ECHO));
            if (status == HttpStatus.NOT_FOUND) {
                problem.put("fix", RequestProblems.API_DOCS);
            }
            response.setStatus(status.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            JSON.writeValue(response.getOutputStream(), problem);
            return null;
        }
        String page = status == HttpStatus.NOT_FOUND ? "not-found" : status.is5xxServerError() ? "failed" : "refused";
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("problem", detail);
        if (status == HttpStatus.FORBIDDEN && !(request.getAttribute(WebAttributes.ACCESS_DENIED_403) instanceof CsrfException)) {
            // a role's limit: the request was understood, and refused (session 57: it was headed "Request not understood")
            model.put("title", "Not allowed");
        }
        return new ModelAndView(page, model, status);
    }

    private static String detail(HttpStatus status, String path, HttpServletRequest request, boolean api) {
        String where = Excerpt.of(path, ECHO);
        return switch (status) {
            case BAD_REQUEST -> request.getAttribute(DETAIL) instanceof String words ? words
                    : causedBy(request, InvalidParameterException.class) ? PARAMETERS
                    : "The address cannot be read: it holds a sequence Strata refuses (such as '..;', '//', an encoded "
                      + "slash or a NUL); check the address and send it again.";
            case FORBIDDEN -> request.getAttribute(WebAttributes.ACCESS_DENIED_403) instanceof CsrfException
                    ? "The form was sent without a valid security token (the page may have been open too long, or you logged out); "
                      + "reload the page and send it again."
                    : "Your role may not open this page or send this form; ask an admin for a role that may.";
            case NOT_FOUND -> api ? "There is no call " + where + " in the API; check the address."
                    : "There is no page " + where + "; the menu above leads to every page.";
            case METHOD_NOT_ALLOWED -> where + " does not take this method" + (api ? " (" + RequestProblems.API_DOCS + ")."
                    : "; open the page from the menu and use its buttons.");
            case NOT_ACCEPTABLE -> where + " cannot answer in the format the Accept header asks for; send no Accept header.";
            case UNSUPPORTED_MEDIA_TYPE -> request.getAttribute(DETAIL) instanceof String words ? words
                    : where + " does not take a body of this Content-Type; send the form from its page.";
            case CONTENT_TOO_LARGE -> causedBy(request, InvalidParameterException.class)
                    ? "The form sent to " + where + " is larger than Strata reads (2 MB); send less text in the form."
                    : "The request is too large for " + where + "; send a smaller file.";
            default -> status.is5xxServerError() ? failure(request)
                    : "The request to " + where + " was refused (" + status.value() + "); check the address and send it again.";
        };
    }

    /** Whether the exception that led here is of this type or was caused by one. */
    private static boolean causedBy(HttpServletRequest request, Class<? extends Throwable> type) {
        Object error = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        for (Throwable cause = error instanceof Throwable throwable ? throwable : null; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** Something no handler foresaw: its details go to the log under a reference the reader can quote. */
    private static String failure(HttpServletRequest request) {
        Object cause = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        return Incident.record("Something failed on Strata's side", "Try again; if it goes on, give the reference to whoever runs Strata.",
                cause instanceof Throwable throwable ? throwable : null).message();
    }

    private static HttpStatus statusOf(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        return status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }

    private static boolean acceptsHtml(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);
    }
}
