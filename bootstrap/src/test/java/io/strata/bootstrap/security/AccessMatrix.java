package io.strata.bootstrap.security;

import io.strata.application.security.Role;
import org.springframework.http.HttpMethod;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An expected role × endpoint table written out in a test, the oracle of the authorization tests: it is read from
 * the test's own text, never from the production rule tables, so a table that grants too much fails the test.
 * The first line names the columns ({@code method path} and one column per role); every other line is one mapped
 * endpoint pattern with {@code yes} or {@code -} per role.
 */
record AccessMatrix(List<Role> roles, Map<String, Set<Role>> allowed) {

    static AccessMatrix parse(String table) {
        List<String> lines = table.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        String[] header = lines.get(0).split("\\s+");
        if (!header[0].equals("method") || !header[1].equals("path")) {
            throw new IllegalArgumentException("the header starts with 'method path': " + lines.get(0));
        }
        List<Role> roles = Arrays.stream(header).skip(2).map(Role::valueOf).toList();
        Map<String, Set<Role>> allowed = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split("\\s+");
            if (cells.length != roles.size() + 2) {
                throw new IllegalArgumentException("one cell per role expected in: " + line);
            }
            Set<Role> granted = EnumSet.noneOf(Role.class);
            for (int i = 0; i < roles.size(); i++) {
                switch (cells[i + 2]) {
                    case "yes" -> granted.add(roles.get(i));
                    case "-" -> { }
                    default -> throw new IllegalArgumentException("'yes' or '-' expected, not '" + cells[i + 2] + "' in: " + line);
                }
            }
            if (allowed.put(key(HttpMethod.valueOf(cells[0]), cells[1]), granted) != null) {
                throw new IllegalArgumentException("endpoint listed twice: " + line);
            }
        }
        return new AccessMatrix(roles, allowed);
    }

    static String key(HttpMethod method, String pattern) {
        return method.name() + " " + pattern;
    }

    Set<Role> allowedFor(MappedEndpoints.Endpoint endpoint) {
        Set<Role> granted = allowed.get(key(endpoint.method(), endpoint.pattern()));
        if (granted == null) {
            throw new AssertionError("not in the expected matrix: " + key(endpoint.method(), endpoint.pattern()));
        }
        return granted;
    }

    /** The mapped endpoints, each once (one pattern may be mapped twice with different response types). */
    static List<MappedEndpoints.Endpoint> distinct(List<MappedEndpoints.Endpoint> endpoints) {
        Map<String, MappedEndpoints.Endpoint> byKey = new LinkedHashMap<>();
        endpoints.forEach(endpoint -> byKey.putIfAbsent(key(endpoint.method(), endpoint.pattern()), endpoint));
        return new ArrayList<>(byKey.values());
    }
}
