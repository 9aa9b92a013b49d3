package io.strata.application.imports;

/**
 * The body looks like another entity's file (an orders file sent as customers): it is refused like any unreadable
 * body, and names the entity it should be imported as, so that an adapter can say where that is.
 */
public final class AnotherEntitysFile extends UnreadableInput {

    private final ImportEntity entity;

    public AnotherEntitysFile(String column, String message, ImportEntity entity) {
        super(1, column, message);
        this.entity = entity;
    }

    /** The entity the file looks like: import it as this. */
    public ImportEntity entity() {
        return entity;
    }
}
