package io.strata.adapters.persistence.database;

/**
 * What PostgreSQL's text can hold: everything but U+0000, which it refuses as a parameter with an error instead of
 * finding nothing. Nothing stored holds it (imports and forms refuse control characters), so a lookup or search for a
 * text with it matches nothing and is answered without asking the database.
 */
public final class PostgresText {

    private PostgresText() {
    }

    public static boolean canHold(String text) {
        return text == null || text.indexOf('\u0000') < 0;
    }
}
