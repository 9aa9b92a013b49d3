package io.strata.adapters.persistence.imports;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Records each custom attribute with the narrowest type all its values fit (boolean, number, date, else text);
 * a later import whose values do not fit the recorded type widens it to text.
 */
final class AttributeCatalogueUpdate {

    private AttributeCatalogueUpdate() {
    }

    static void from(Connection connection, String stagingTable) throws SQLException {
        String sql = """
                with seen as (
                  select a.key as name,
                         case when bool_and(a.value in ('true', 'false')) then 'BOOLEAN'
                              when bool_and(a.value ~ '^-?[0-9]{1,15}(\\.[0-9]+)?$') then 'NUMBER'
                              when bool_and(a.value ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$') then 'DATE'
                              else 'TEXT' end as field_type
                  from %s s, jsonb_each_text(s.attrs) a
                  where a.value is not null
                  group by a.key
                )
                insert into attribute_catalogue (name, field_type)
                select name, field_type from seen
                on conflict (name) do update
                  set field_type = case when attribute_catalogue.field_type = excluded.field_type
                                        then excluded.field_type else 'TEXT' end,
                      last_seen = now()
                """.formatted(stagingTable);
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
