package io.strata.adapters.persistence.imports;

import io.strata.domain.customer.FieldType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

/**
 * Records each custom attribute with the narrowest type all its values fit ({@link AttributeTypes}); a later import
 * whose values do not fit the recorded type widens it to text.
 */
final class AttributeCatalogueUpdate {

    private AttributeCatalogueUpdate() {
    }

    static void record(Connection connection, Map<String, FieldType> types) throws SQLException {
        if (types.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement("""
                insert into attribute_catalogue (name, field_type)
                select name, field_type from unnest(?::text[], ?::text[]) as t(name, field_type)
                on conflict (name) do update
                  set field_type = case when attribute_catalogue.field_type = excluded.field_type
                                        then excluded.field_type else 'TEXT' end,
                      last_seen = now()
                """)) {
            statement.setArray(1, connection.createArrayOf("text", types.keySet().toArray()));
            statement.setArray(2, connection.createArrayOf("text", types.values().stream().map(Enum::name).toArray()));
            statement.execute();
        }
    }
}
