package io.strata.adapters.web.problem;

import io.strata.application.imports.Excerpt;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Requests Spring MVC refuses before a controller runs (an id that is not a number, a missing parameter, a method,
 * Content-Type or Accept the call does not take, an address that is no call), answered in the product's words: what
 * was wrong, where, and what to send instead. Spring's own details ("Failed to convert ...") name Java's types.
 */
final class RequestProblems {

    /** A value from the address is quoted back at most this long. */
    private static final int ECHO = 100;
    static final String API_DOCS = "GET /v3/api-docs lists every call with its parameters";

    private RequestProblems() {
    }

    static ProblemDetail typeMismatch(TypeMismatchException e) {
        String name = e instanceof MethodArgumentTypeMismatchException argument ? argument.getName() : e.getPropertyName();
        boolean inPath = e instanceof MethodArgumentTypeMismatchException argument && argument.getParameter().hasParameterAnnotation(PathVariable.class);
        String value = "'" + Excerpt.of(String.valueOf(e.getValue()), ECHO) + "'";
        String wanted = UnreadableJson.expected(e.getRequiredType());
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid " + (inPath ? "address" : "parameter"), inPath
                ? "The " + name + " in this address is " + value + ", but it must be " + wanted + "; check the address."
                : "The parameter " + name + " is " + value + "; give " + wanted + ".");
        problem.setProperty("parameter", name);
        return problem;
    }

    static ProblemDetail missingParameter(MissingServletRequestParameterException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Missing parameter", "This call needs the parameter " + e.getParameterName()
                + "; add ?" + e.getParameterName() + "=… to the address (" + API_DOCS + ").");
        problem.setProperty("parameter", e.getParameterName());
        return problem;
    }

    /** Keeps a detail a controller wrote for its own call (the imports name their two types); words Spring's own. */
    static ProblemDetail unsupportedType(HttpMediaTypeNotSupportedException e, String sentContentType) {
        ProblemDetail problem = e.getBody();
        List<String> supported = names(e.getSupportedMediaTypes());
        if (e.getContentType() == null && sentContentType != null) {
            // Spring could not parse what was sent (charset=foo, a lone quote) and said "Could not parse Content-Type."
            problem.setDetail("Content-Type '" + Excerpt.of(sentContentType, ECHO) + "' cannot be read: it must be a type/subtype such as "
                    + (supported.isEmpty() ? MediaType.APPLICATION_JSON_VALUE : supported.get(0)) + ", with a charset Java knows (such as UTF-8) if it names one; send the body as "
                    + String.join(" or ", supported) + " with that Content-Type.");
        } else if (problem.getDetail() == null || problem.getDetail().endsWith("is not supported.")) {
            String sent = e.getContentType() == null ? "The request has no Content-Type" : "Content-Type '" + Excerpt.of(e.getContentType().toString(), ECHO) + "' is not taken here";
            problem.setDetail(sent + "; send the body as " + String.join(" or ", supported) + " with that Content-Type.");
        }
        problem.setTitle("Unsupported Media Type");
        problem.setProperty("supported", supported);
        return problem;
    }

    /** A Content-Type that names no type a body can have ({@code *}{@code /*}, {@code ;;;}): nothing this call can read. */
    static ProblemDetail unreadableType(String contentType) {
        ProblemDetail problem = problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type", "Content-Type '"
                + Excerpt.of(String.valueOf(contentType), ECHO) + "' names no type of body; send the body as application/json with Content-Type: application/json.");
        problem.setProperty("supported", List.of(MediaType.APPLICATION_JSON_VALUE));
        return problem;
    }

    static ProblemDetail notAcceptable(HttpMediaTypeNotAcceptableException e) {
        List<String> producible = names(e.getSupportedMediaTypes());
        ProblemDetail problem = problem(HttpStatus.NOT_ACCEPTABLE, "Not Acceptable", producible.isEmpty()
                ? "This call cannot answer in the format the Accept header asks for; send Accept: application/json or no Accept header."
                : "This call answers " + String.join(" or ", producible) + ", which the Accept header does not allow; "
                  + "send Accept: " + producible.get(0) + " or no Accept header.");
        problem.setProperty("supported", producible);
        return problem;
    }

    static ProblemDetail methodNotAllowed(HttpRequestMethodNotSupportedException e, String path) {
        // in HttpMethod's order: Spring's set follows the handler methods' order, which reflection does not fix
        List<HttpMethod> order = List.of(HttpMethod.values());
        String allowed = e.getSupportedHttpMethods() == null ? "" : e.getSupportedHttpMethods().stream()
                .sorted(Comparator.comparingInt(order::indexOf)).map(Object::toString).collect(Collectors.joining(", "));
        return problem(HttpStatus.METHOD_NOT_ALLOWED, "Method Not Allowed", e.getMethod() + " is not a method of "
                + Excerpt.of(path, ECHO) + (allowed.isEmpty() ? "" : "; it takes " + allowed) + " (" + API_DOCS + ").");
    }

    static ProblemDetail noSuchCall(String path) {
        ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "Not found", "There is no call " + Excerpt.of(path, ECHO)
                + " in the API; check the address.");
        problem.setProperty("fix", API_DOCS);
        return problem;
    }

    /**
     * Spring refuses a wildcard Content-Type ({@code *}{@code /*}, {@code text/*}) with an assertion of
     * {@link HttpHeaders#setContentType} while it reads the request's headers, before any check of the body's type: that
     * IllegalArgumentException is a 415, not the product's refusal of a value. Recognised by what the request sent (a
     * Content-Type of wildcard type or subtype) and where the exception came from, not by Spring's wording.
     */
    static boolean isWildcardContentType(IllegalArgumentException e, String contentType) {
        MediaType sent;
        try {
            sent = contentType == null ? null : MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException unreadable) {
            return false;
        }
        return sent != null && (sent.isWildcardType() || sent.isWildcardSubtype()) && java.util.Arrays.stream(e.getStackTrace())
                .anyMatch(frame -> frame.getClassName().equals(HttpHeaders.class.getName()) && frame.getMethodName().equals("setContentType"));
    }

    /** Every Accept header of the request parses as a list of media types (none at all counts as readable). */
    static boolean isReadableAccept(String[] accept) {
        if (accept == null) {
            return true;
        }
        try {
            for (String value : accept) {
                MediaType.parseMediaTypes(value);
            }
            return true;
        } catch (InvalidMediaTypeException unreadable) {
            return false;
        }
    }

    static ProblemDetail unreadableAccept(String accept) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Unreadable Accept header", "The Accept header '"
                + Excerpt.of(String.valueOf(accept), ECHO) + "' cannot be read: each entry must be a type/subtype such as "
                + "application/json, optionally followed by ;q= and a weight from 0 to 1; send no Accept header, or the type the call "
                + "answers (application/json; text/csv or application/x-ndjson for downloads; " + API_DOCS + ").");
        problem.setProperty("header", HttpHeaders.ACCEPT);
        return problem;
    }

    /** Addresses answered as an API (problem JSON) rather than with a console page. */
    static boolean isApi(String path) {
        return path != null && (path.startsWith("/api/") || path.startsWith("/v3/api-docs") || path.startsWith("/actuator"));
    }

    private static List<String> names(Collection<MediaType> types) {
        return types.stream().filter(type -> !type.getSubtype().contains("+")).map(type -> type.getType() + "/" + type.getSubtype())
                .distinct().toList();
    }

    static ProblemDetail problem(HttpStatusCode status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
