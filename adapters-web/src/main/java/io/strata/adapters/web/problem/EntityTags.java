package io.strata.adapters.web.problem;

import io.strata.domain.edit.Revision;
import org.springframework.http.ResponseEntity;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API's side of "two people editing the same thing" (docs/architecture.md): a resource's {@code ETag} is its stored
 * revision as a strong entity tag, and a change sent with {@code If-Match} is carried out only while the resource is
 * still in one of the tags it names (RFC 9110, 13.1.1: strong comparison, so a weak tag never matches).
 */
public final class EntityTags {

    /** The name of the header, for the OpenAPI annotations. */
    public static final String IF_MATCH = "If-Match";
    public static final String IF_MATCH_DESCRIPTION = "The ETag of the resource as you read it (GET answers it): the change is made only"
            + " if nobody changed the resource since, otherwise 412 names who changed it and when. * or no If-Match: the change is made"
            + " whatever changed meanwhile.";
    public static final String PRECONDITION_FAILED = "Changed since you read it: the answer names who changed it and when; GET it again, re-apply"
            + " your change to what it answers and send it with the new ETag in If-Match";

    private static final Pattern ONE_TAG = Pattern.compile("\\s*(W/)?\"([\\x21\\x23-\\x7e]*)\"\\s*");

    private EntityTags() {
    }

    /** The strong entity tag of a revision: {@code "…"}. */
    public static String of(Revision revision) {
        return "\"" + revision.value() + "\"";
    }

    /** A 200 answer with the resource and its ETag. */
    public static <T> ResponseEntity<T> answer(Revision revision, T body) {
        return ResponseEntity.ok().eTag(of(revision)).body(body);
    }

    /**
     * The revisions an {@code If-Match} header names: null when there is none, or it is {@code *} (no check: the change
     * is made as before revisions existed); otherwise the strong tags it lists, an empty list when it names only weak
     * tags or tags no revision has, which then match nothing. A header that is no list of quoted entity tags is
     * {@link MalformedIfMatch} (400).
     */
    public static List<Revision> ifMatch(String header) {
        if (header == null || header.strip().equals("*")) {
            return null;
        }
        List<Revision> seen = new ArrayList<>();
        for (String part : splitTags(header)) {
            Matcher tag = ONE_TAG.matcher(part);
            if (!tag.matches()) {
                throw new MalformedIfMatch(header);
            }
            if (tag.group(1) == null && Revision.wellFormed(tag.group(2))) {
                seen.add(new Revision(tag.group(2)));
            }
        }
        return seen;
    }

    /** Splits at the commas between tags (an entity tag's characters include no '"', so quotes pair up). */
    private static List<String> splitTags(String header) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                parts.add(header.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(header.substring(start));
        if (parts.stream().allMatch(String::isBlank)) {
            throw new MalformedIfMatch(header);
        }
        return parts;
    }

    /** An If-Match header that is neither {@code *} nor a list of quoted entity tags. */
    public static final class MalformedIfMatch extends RuntimeException {

        MalformedIfMatch(String header) {
            super("The If-Match header '" + io.strata.domain.text.PlainText.cut(header, 100) + "' is not an entity tag:"
                    + " send the ETag a GET of this resource answered, quotes included (If-Match: \"3q2-7w\"), or leave If-Match out"
                    + " to change it whatever changed meanwhile.");
        }
    }
}
