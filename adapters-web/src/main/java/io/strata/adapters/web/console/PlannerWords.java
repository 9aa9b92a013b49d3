package io.strata.adapters.web.console;

import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Messages of the domain and the application name what is wrong in the API's words ({@code actions[1].discountPercent},
 * {@code controlGroupPercent}, {@code mode=lenient}), because the API's callers send those names. The console says
 * the same in the planner's words: "Action 2's discount", "the control group share", "lenient mode". Templates call it
 * as {@code @plannerWords.say(...)}; {@link FieldErrors} uses it for every field message.
 */
@Component("plannerWords")
public class PlannerWords {

    private record Wording(Pattern api, String planner) {
    }

    private static final Pattern NUMBERED = Pattern.compile("\\b(tacticalActions|actions)\\[(\\d+)](\\.action)?(?:\\.(channel|content|discountPercent))?");

    private static final List<Wording> WORDINGS = List.of(
            new Wording(Pattern.compile("\\bsend mode=lenient\\b"), "choose lenient mode"),
            new Wording(Pattern.compile("\\buse mode=strict or mode=lenient\\b"), "choose strict or lenient mode"),
            new Wording(Pattern.compile("\\bmode=(strict|lenient)\\b"), "$1 mode"),
            new Wording(Pattern.compile("\\bcontrolGroupPercent\\b"), "the control group share"),
            new Wording(Pattern.compile("\\battributionWindowDays\\b"), "the attribution window"),
            new Wording(Pattern.compile("\\bdiscountPercent\\b"), "discount"),
            // "needs a parentSegment" read "needs a the parent segment" (session 57)
            new Wording(Pattern.compile("\\ba targetSegment\\b"), "a target segment"),
            new Wording(Pattern.compile("\\ba parentSegment\\b"), "a parent segment"),
            new Wording(Pattern.compile("\\btargetSegment\\b"), "the target segment"),
            new Wording(Pattern.compile("\\bparentSegment\\b"), "the parent segment"),
            // the run form's field is "As of", a date; the API's parameter is asOf
            new Wording(Pattern.compile("\\bleave asOf out\\b"), "leave the date empty"),
            new Wording(Pattern.compile("\\basOf\\b"), "the run date"),
            new Wording(Pattern.compile("\\btacticalSegmentId\\b"), "tactical segment"),
            // the delivery page's and the access page's fields, by their labels (session 57)
            new Wording(Pattern.compile("\\bmaxDeliveries\\b"), "'At most (deliveries)'"),
            new Wording(Pattern.compile("\\bwindowDays\\b"), "'Within (days)'"),
            new Wording(Pattern.compile("^url\\b"), "the URL"),
            new Wording(Pattern.compile("^'expiresAt' \\([^)]*\\) is not in the future; leave it out for a token without end"),
                    "'Expires on' must be today or a later day; leave it empty for a token without end"),
            new Wording(Pattern.compile("\\bstartAt\\b"), "the planned start"),
            // the back-test page's field: "Hold out the last [n] weeks" (session 57's probe: "holdoutWeeks must be 1 to 520")
            new Wording(Pattern.compile("^holdoutWeeks must be (\\d+) to (\\d+), not (-?\\d+)$"),
                    "'Hold out the last … weeks' must be $1 to $2 weeks, not $3; type a number of weeks from $1 to $2"),
            new Wording(Pattern.compile("\\bholdoutWeeks\\b"), "the weeks held out"));

    public static String say(String message) {
        if (message == null || message.isEmpty()) {
            return message;
        }
        String text = numbered(message);
        for (Wording wording : WORDINGS) {
            text = wording.api().matcher(text).replaceAll(wording.planner());
        }
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** For templates: {@code @plannerWords.words(message)}. */
    public String words(Object message) {
        return message == null ? null : say(message.toString());
    }

    /** {@code actions[1].discountPercent} is the second action's discount: planners count from one. */
    private static String numbered(String message) {
        Matcher m = NUMBERED.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String what = (m.group(1).equals("tacticalActions") ? "tactical action " : "action ") + (Integer.parseInt(m.group(2)) + 1);
            String part = m.group(4) == null ? "" : "'s " + switch (m.group(4)) {
                case "discountPercent" -> "discount";
                default -> m.group(4).toLowerCase(Locale.ROOT);
            };
            m.appendReplacement(out, Matcher.quoteReplacement(what + part));
        }
        m.appendTail(out);
        return out.toString();
    }
}
