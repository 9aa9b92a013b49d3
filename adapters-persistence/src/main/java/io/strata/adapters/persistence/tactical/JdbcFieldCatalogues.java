package io.strata.adapters.persistence.tactical;

import io.strata.application.tactical.port.out.FieldCatalogues;
import io.strata.domain.customer.FieldType;
import io.strata.domain.rule.FieldCatalogue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The catalogue as imports have recorded it: custom attributes with inferred types, event types and their properties. */
@Repository
public class JdbcFieldCatalogues implements FieldCatalogues {

    private final JdbcClient jdbc;

    public JdbcFieldCatalogues(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public FieldCatalogue current() {
        Map<String, FieldType> attributes = new HashMap<>();
        jdbc.sql("select name, field_type from attribute_catalogue").query(rs -> {
            attributes.put(rs.getString(1), FieldType.valueOf(rs.getString(2)));
        });
        Map<String, Set<String>> events = new HashMap<>();
        jdbc.sql("select event_type, property from event_property_catalogue").query(rs -> {
            Set<String> properties = events.computeIfAbsent(rs.getString(1), k -> new TreeSet<>());
            if (!rs.getString(2).isEmpty()) {
                properties.add(rs.getString(2));
            }
        });
        return new FieldCatalogue(attributes, events);
    }
}
