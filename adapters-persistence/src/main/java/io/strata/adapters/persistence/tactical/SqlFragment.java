package io.strata.adapters.persistence.tactical;

import java.util.ArrayList;
import java.util.List;

/** A piece of SQL with its bind parameters in the order of their '?' marks. */
public record SqlFragment(String sql, List<Object> parameters) {

    public SqlFragment {
        parameters = List.copyOf(parameters);
    }

    static SqlFragment sql(String text) {
        return new SqlFragment(text, List.of());
    }

    /** A bind parameter with an explicit type cast. */
    static SqlFragment bind(Object value, String sqlType) {
        List<Object> parameters = new ArrayList<>(1);
        parameters.add(value);
        return new SqlFragment("?::" + sqlType, parameters);
    }

    /** Joins pieces: each is a fragment or plain SQL text. */
    static SqlFragment of(Object... pieces) {
        StringBuilder text = new StringBuilder();
        List<Object> parameters = new ArrayList<>();
        for (Object piece : pieces) {
            if (piece instanceof SqlFragment fragment) {
                text.append(fragment.sql());
                parameters.addAll(fragment.parameters());
            } else {
                text.append(piece);
            }
        }
        return new SqlFragment(text.toString(), parameters);
    }

    static SqlFragment join(List<SqlFragment> parts, String separator) {
        List<Object> pieces = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                pieces.add(separator);
            }
            pieces.add(parts.get(i));
        }
        return of(pieces.toArray());
    }
}
