package io.strata.adapters.web.problem;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Keyset paging of a list endpoint, newest first (session 51): {@code before=<id>} answers the items after that one in
 * the list's order, and an answer that may have more says where they are with
 * {@code Link: </api/v1/...?before=<last id>>; rel="next"} (RFC 8288; the address is relative to the request's, with
 * the request's other parameters kept). Following the links from the first page reaches every item exactly once, in
 * order, however many there are; a page costs its own items, not the items before it. A cursor that cannot be an id
 * of the list's items is refused with a 400 that says what it must be.
 */
public final class ListCursor {

    public static final String PARAMETER = "before";

    private ListCursor() {
    }

    /** The id a request's {@code before} names ({@code empty} when it names none); {@code items}: "a campaign", ... */
    public static Optional<Long> id(String raw, String items) {
        return id(PARAMETER, raw, items);
    }

    /** The id a cursor parameter of another name names ({@code cohortsBefore}, ...); its 400 names that parameter. */
    public static Optional<Long> id(String parameter, String raw, String items) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            long id = Long.parseLong(raw.strip());
            if (id >= 1) {
                return Optional.of(id);
            }
        } catch (NumberFormatException e) {
            // refused below with the same answer as a number below 1
        }
        throw new InvalidListCursor(parameter, raw, "the id of " + items + " (a whole number from 1)");
    }

    /**
     * The key a request's {@code before} names in a list ordered by a text key (users by name): {@code empty} when it
     * names none; a text {@code key} does not accept is refused, {@code expected} saying what it must be.
     */
    public static Optional<String> key(String raw, java.util.function.Predicate<String> key, String expected) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String text = raw.strip();
        if (key.test(text)) {
            return Optional.of(text);
        }
        throw new InvalidListCursor(PARAMETER, raw, expected);
    }

    /** The UUID a request's {@code before} names ({@code empty} when it names none). */
    public static Optional<UUID> uuid(String raw, String items) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            String text = raw.strip();
            UUID id = UUID.fromString(text);
            if (id.toString().equalsIgnoreCase(text)) {
                return Optional.of(id);
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw new InvalidListCursor(PARAMETER, raw, "the id of " + items + " (a UUID such as 3f2b8c1e-0d4a-4e7b-9c55-2a1f6e0b7d93)");
    }

    /**
     * The page of a list read with one item more than asked: the first {@code limit} items, with a {@code Link} to the
     * next page (before the last item shown) when there was one more. {@code fetched} must be in the list's order.
     */
    public static <T> Page<T> page(List<T> fetched, int limit, Function<T, String> cursorOf, HttpServletRequest request) {
        if (fetched.size() <= limit) {
            return new Page<>(fetched, null);
        }
        List<T> shown = fetched.subList(0, limit);
        return new Page<>(List.copyOf(shown), next(request, PARAMETER, cursorOf.apply(shown.get(limit - 1))));
    }

    /**
     * The address of the next page: the request's, relative, with its other parameters kept, {@code parameter} set to
     * {@code cursor} and the parameters {@code dropped} left out (a page number that the cursor replaces).
     */
    public static String next(HttpServletRequest request, String parameter, String cursor, String... dropped) {
        UriComponentsBuilder next = UriComponentsBuilder.fromPath(request.getRequestURI()).query(request.getQueryString());
        for (String name : dropped) {
            next.replaceQueryParam(name);
        }
        return next.replaceQueryParam(parameter, cursor).build().toUriString();
    }

    /** A page's items and the address of the next page, or {@code null} at the last page. */
    public record Page<T>(List<T> items, String next) {

        /** The headers of the answer: {@code Link: <next>; rel="next"} when there is a next page. */
        public HttpHeaders headers() {
            HttpHeaders headers = new HttpHeaders();
            if (next != null) {
                headers.add(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
            }
            return headers;
        }
    }
}
