package io.strata.application.imports;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The columns an import body declares, in file order, with a fast name-to-position index. */
public final class SourceHeader {

    private final List<String> columns;
    private final Map<String, Integer> positions = new HashMap<>();

    public SourceHeader(List<String> columns) {
        this.columns = List.copyOf(columns);
        for (int i = 0; i < this.columns.size(); i++) {
            String name = this.columns.get(i);
            int control = ControlCharacters.firstRefusedInName(name);
            if (control >= 0) {
                throw new UnreadableInput(1, "column " + (i + 1), "column name '" + ControlCharacters.visible(name) + "' holds "
                        + ControlCharacters.refused(name, control) + "; names may not hold control characters or half characters: rename the column");
            }
            if (positions.putIfAbsent(name, i) != null) {
                throw new UnreadableInput(1, name, "the header names column '" + name + "' twice; each column may appear once");
            }
        }
    }

    public List<String> columns() {
        return columns;
    }

    public int indexOf(String column) {
        return positions.getOrDefault(column, -1);
    }

    public boolean has(String column) {
        return positions.containsKey(column);
    }
}
