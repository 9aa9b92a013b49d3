package io.strata.application.imports;

import java.util.List;

final class Headers {

    private Headers() {
    }

    static void require(SourceHeader header, List<String> required, String what) {
        for (String column : required) {
            if (!header.has(column)) {
                throw new UnreadableInput(1, column, "the header has no column " + column + "; " + what + " needs "
                        + String.join(", ", required) + " (columns found: " + String.join(", ", header.columns()) + ")");
            }
        }
    }
}
