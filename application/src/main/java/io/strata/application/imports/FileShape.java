package io.strata.application.imports;

import io.strata.domain.customer.ProfileField;

import java.util.List;
import java.util.Optional;

/**
 * What a header says about the file before any row is read: a file sent to the wrong endpoint, or saved with
 * another separator than the comma, is refused whole (strict and lenient alike) with a message saying where it
 * belongs. A header "looks like" orders when it has {@code order_id} and {@code ordered_at} or {@code amount};
 * events when it has {@code event_type} and {@code occurred_at}; customers when it has {@code customer_id} and a
 * profile column. Since orders and events files also carry {@code customer_id}, a customers header that looks like
 * orders or events and has no profile column is refused too.
 */
final class FileShape {

    private static final List<String> CUSTOMER_REQUIRED = List.of(AttributeColumns.CUSTOMER_ID);

    private FileShape() {
    }

    /** Checks a CSV header: every required column, the entity it looks like, its separator. */
    static void checkHeader(ImportEntity entity, SourceHeader header) {
        List<String> columns = header.columns();
        if (columns.size() == 1) {
            String only = columns.get(0);
            for (char separator : new char[]{';', '\t', '|'}) {
                if (only.indexOf(separator) >= 0) {
                    throw new UnreadableInput(1, null, "the header is one column '" + ControlCharacters.visible(only)
                            + "': Strata reads comma-separated values, and this file seems separated by " + name(separator)
                            + "; save it as CSV with commas (UTF-8) and send it again");
                }
            }
        }
        check(entity, header, true);
    }

    /**
     * Checks the first object of an NDJSON body, whose keys act as its header: it is refused only when it looks like
     * another entity's; any other missing field is an error of its row.
     */
    static void checkFirstObject(ImportEntity entity, SourceHeader keys) {
        check(entity, keys, false);
    }

    private static void check(ImportEntity entity, SourceHeader header, boolean requireAll) {
        Optional<ImportEntity> looksLike = looksLike(header, entity);
        String missing = required(entity).stream().filter(column -> !header.has(column)).findFirst().orElse(null);
        String what = entity == ImportEntity.ORDERS ? "an orders file" : "a" + (entity == ImportEntity.EVENTS ? "n " : " ") + entity.path() + " file";
        if (missing != null && (requireAll || looksLike.isPresent())) {
            String message = "the header has no column " + missing + "; " + what + " needs "
                    + String.join(", ", required(entity)) + " (columns found: " + ControlCharacters.visible(String.join(", ", header.columns()))
                    + ")" + looksLike.map(other -> ". " + hint(other)).orElse("");
            throw looksLike.<UnreadableInput>map(other -> new AnotherEntitysFile(missing, message, other))
                    .orElseGet(() -> new UnreadableInput(1, missing, message));
        }
        if (entity == ImportEntity.CUSTOMERS && looksLike.isPresent() && !hasProfileColumn(header)) {
            throw new AnotherEntitysFile(null, hint(looksLike.get()) + ". A customers file has customer_id and profile columns "
                    + "(email, city, birth_date, …); to import these columns as custom attributes anyway, add one profile column",
                    looksLike.get());
        }
    }

    private static String hint(ImportEntity entity) {
        return "this header looks like " + (entity == ImportEntity.ORDERS ? "an orders file (order_id, ordered_at, amount)"
                : entity == ImportEntity.EVENTS ? "an events file (event_type, occurred_at)" : "a customers file (customer_id and profile columns)")
                + ": import it as " + entity.path();
    }

    /** Another entity the header looks like, if any. */
    static Optional<ImportEntity> looksLike(SourceHeader header, ImportEntity not) {
        if (not != ImportEntity.ORDERS && header.has("order_id") && (header.has("ordered_at") || header.has("amount"))) {
            return Optional.of(ImportEntity.ORDERS);
        }
        if (not != ImportEntity.EVENTS && header.has("event_type") && header.has("occurred_at")) {
            return Optional.of(ImportEntity.EVENTS);
        }
        if (not != ImportEntity.CUSTOMERS && header.has(AttributeColumns.CUSTOMER_ID) && hasProfileColumn(header)) {
            return Optional.of(ImportEntity.CUSTOMERS);
        }
        return Optional.empty();
    }

    private static boolean hasProfileColumn(SourceHeader header) {
        for (ProfileField field : ProfileField.values()) {
            if (header.has(field.column())) {
                return true;
            }
        }
        return false;
    }

    private static List<String> required(ImportEntity entity) {
        return switch (entity) {
            case CUSTOMERS -> CUSTOMER_REQUIRED;
            case ORDERS -> OrderLineRowReader.REQUIRED;
            case EVENTS -> EventRowReader.REQUIRED;
        };
    }

    private static String name(char separator) {
        return switch (separator) {
            case ';' -> "semicolons";
            case '\t' -> "tabs";
            default -> "'|'";
        };
    }
}
