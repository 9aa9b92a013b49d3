package io.strata.adapters.persistence.imports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The bits of an orders import's categories ({@code order_category_bits}, changeset 410) and the mask of each of its
 * orders ({@code orders.category_mask}: the bits of the order's categories), worked out as the lines stream: the numbering
 * stored when the import began, and a next free bit for each category it meets first (bits 0..61; once all are given,
 * a category without one sets {@link #OTHERS}). The database never looks at an order's categories one by one for this (a
 * per-order computation in SQL costs seconds per million orders).
 *
 * <p>The new categories' bits are stored by the merge, in the import's transaction ({@link #record}); if another import
 * gave one of those categories or bits meanwhile, this import's masks are not stored (NULL: rules then read the orders'
 * categories), so a stored mask always means the bits that {@code order_category_bits} says. A bit once given is never
 * given again nor taken back.
 */
final class CategoryBits {

    /** The bits a category may have: 0..61. */
    static final int BITS = 62;

    /** The bit of an order that has a category without a bit of its own (all {@link #BITS} given). */
    static final long OTHERS = 1L << 62;

    private final Map<String, Integer> bits;
    private final Map<String, Integer> added = new LinkedHashMap<>();
    private int next;

    private CategoryBits(Map<String, Integer> bits, int next) {
        this.bits = bits;
        this.next = next;
    }

    /** The numbering as stored now (read on {@code connection}, outside the import's transaction). */
    static CategoryBits load(Connection connection) throws SQLException {
        Map<String, Integer> bits = new HashMap<>();
        int next = 0;
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select category, bit from order_category_bits")) {
            while (rs.next()) {
                bits.put(rs.getString(1), rs.getInt(2));
                next = Math.max(next, rs.getInt(2) + 1);
            }
        }
        return new CategoryBits(bits, next);
    }

    /**
     * The mask of an order whose distinct non-empty categories are {@code categories}: 0 for none; null when they are
     * not known (a marker).
     */
    Long maskOf(Set<String> categories) {
        if (categories == null) {
            return null;
        }
        long mask = 0;
        for (String category : categories) {
            Integer bit = bits.get(category);
            if (bit == null) {
                if (next >= BITS) {
                    mask |= OTHERS;
                    continue;
                }
                bit = next++;
                bits.put(category, bit);
                added.put(category, bit);
            }
            mask |= 1L << bit;
        }
        return mask;
    }

    /**
     * Stores the bits this import gave, on the import's connection (inside its transaction, under the merge lock);
     * answers whether they are all stored as given, i.e. whether the import's masks may be stored.
     */
    boolean record(Connection connection) throws SQLException {
        if (added.isEmpty()) {
            return true;
        }
        String[] categories = added.keySet().toArray(String[]::new);
        Integer[] given = added.values().toArray(Integer[]::new);
        try (PreparedStatement insert = connection.prepareStatement("insert into order_category_bits (category, bit) "
                + "select * from unnest(?::text[], ?::smallint[]) on conflict do nothing")) {
            insert.setArray(1, connection.createArrayOf("text", categories));
            insert.setArray(2, connection.createArrayOf("smallint", given));
            insert.executeUpdate();
        }
        try (PreparedStatement check = connection.prepareStatement("select count(*) from order_category_bits b "
                + "join unnest(?::text[], ?::smallint[]) as n(category, bit) on n.category = b.category and n.bit = b.bit")) {
            check.setArray(1, connection.createArrayOf("text", categories));
            check.setArray(2, connection.createArrayOf("smallint", given));
            try (ResultSet rs = check.executeQuery()) {
                rs.next();
                return rs.getLong(1) == added.size();
            }
        }
    }
}
