package io.strata.adapters.web.imports;

import io.strata.application.imports.Excerpt;
import io.strata.application.imports.ImportEntity;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * An import of a kind Strata does not have ({@code POST /api/v1/imports/planets}): a 404 naming the kinds there are. It was
 * a 405, since {@code GET /api/v1/imports/{importId}} has the same shape of address.
 */
public final class UnknownImportKind extends RuntimeException {

    public UnknownImportKind(String kind) {
        super("There is no import of " + Excerpt.of(kind, 80) + "; Strata imports " + kinds() + ": POST the file to "
                + Arrays.stream(ImportEntity.values()).map(entity -> "/api/v1/imports/" + entity.path()).collect(Collectors.joining(", ")) + ".");
    }

    static String kinds() {
        ImportEntity[] all = ImportEntity.values();
        return Arrays.stream(all, 0, all.length - 1).map(ImportEntity::path).collect(Collectors.joining(", ")) + " and " + all[all.length - 1].path();
    }

    /** Where each kind is imported, for a problem's {@code fix}. */
    public static String fix() {
        return Arrays.stream(ImportEntity.values()).map(entity -> "POST /api/v1/imports/" + entity.path()).collect(Collectors.joining(", "));
    }
}
