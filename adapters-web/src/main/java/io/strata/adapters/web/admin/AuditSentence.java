package io.strata.adapters.web.admin;

import io.strata.application.audit.AuditAction;
import io.strata.application.audit.AuditEvent;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An audit entry as a sentence for the console: "admin archived tactical segment 'Smart TV' (3)". The trail keeps
 * table-like subject types and snapshots as JSON for the API; this is the one place that words them for people.
 */
public record AuditSentence(AuditEvent event, String when, String sentence) {

    static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    /** Subject types as the planner calls them; the trail's own names stay in the API and in the CSV's subject_type. */
    static final Map<String, String> SUBJECTS = Map.of(
            "api_token", "API token",
            "console_user", "user",
            "customer", "customer",
            "import", "import",
            "segmentation", "segmentation",
            "segmentation_run", "segmentation run",
            "tactical_segment", "tactical segment",
            "campaign", "campaign");

    static final Map<AuditAction, String> VERBS = Map.ofEntries(
            Map.entry(AuditAction.CREATED, "created"), Map.entry(AuditAction.CHANGED, "changed"),
            Map.entry(AuditAction.ACTIVATED, "activated"), Map.entry(AuditAction.RAN, "ran"),
            Map.entry(AuditAction.LAUNCHED, "launched"), Map.entry(AuditAction.CANCELLED, "cancelled"),
            Map.entry(AuditAction.RETIRED, "retired"), Map.entry(AuditAction.ARCHIVED, "archived"),
            Map.entry(AuditAction.IMPORTED, "imported"), Map.entry(AuditAction.REVOKED, "revoked"),
            Map.entry(AuditAction.ENABLED, "enabled"), Map.entry(AuditAction.DISABLED, "disabled"),
            Map.entry(AuditAction.ERASED, "erased"), Map.entry(AuditAction.INTERRUPTED, "marked as interrupted"),
            Map.entry(AuditAction.DEACTIVATED, "deactivated"));

    /** The snapshot's top-level "name", enough to say which subject; no JSON library for one field. */
    private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    public static AuditSentence of(AuditEvent event) {
        String name = nameIn(event.after() != null ? event.after() : event.before());
        StringBuilder text = new StringBuilder(event.actor()).append(' ').append(verb(event.action())).append(' ').append(subject(event.subjectType()));
        if (name != null) {
            text.append(" '").append(name).append("' (").append(event.subjectId()).append(')');
        } else {
            text.append(' ').append(event.subjectId());
        }
        if (event.detail() != null && !event.detail().isBlank() && !event.detail().equals(verb(event.action()))) {
            text.append(": ").append(event.detail());
        }
        return new AuditSentence(event, MINUTES.format(event.occurredAt()) + " UTC", text.append('.').toString());
    }

    public static String verb(AuditAction action) {
        return VERBS.getOrDefault(action, action.name().toLowerCase(java.util.Locale.ROOT));
    }

    public static String subject(String subjectType) {
        return SUBJECTS.getOrDefault(subjectType, subjectType.replace('_', ' '));
    }

    private static String nameIn(String json) {
        if (json == null) {
            return null;
        }
        Matcher m = NAME.matcher(json);
        return m.find() ? m.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : null;
    }
}
