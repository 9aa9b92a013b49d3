package io.strata.adapters.persistence.security;

import io.strata.adapters.persistence.campaign.JdbcCampaignAudiences;
import io.strata.adapters.persistence.imports.MergeLock;
import io.strata.application.erasure.port.out.PersonalData;
import io.strata.domain.customer.CustomerId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Erasure that needs no update when a table is added: the tables to clean are found in the catalogue (every base
 * table of the schema with a {@code customer_key} or {@code customer_id} column, and every table keyed by
 * {@code order_key} alone, whose rows are the customer's through its orders) and emptied of the customer's rows in one
 * transaction, tables that refer to others first.
 */
@Repository
public class JdbcPersonalData implements PersonalData {

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    public JdbcPersonalData(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * The run stages of imports under way ({@code import_runs_<n>}, {@code RunStage}): an import's private work, no part
     * of any outcome, and dropped the moment their import ends. Emptying one of an erased customer's rows left the
     * import's order lines without their order; reading one just dropped failed the erasure. The import's orders are
     * erased if it merged before the erasure, and create the customer anew if it merges after, as any later import.
     */
    private static final String IMPORT_STAGES = "import\\_runs\\_%";

    record CustomerTable(String name, String quoted, boolean hasKey, boolean hasId) {
    }

    @Override
    public Optional<Map<String, Long>> eraseCustomer(CustomerId customerId) {
        return transaction.execute(status -> {
            // One global order of locks, the same in every path that takes more than one of them:
            //   1. the imports' merge lock (an erasure shared, a merge exclusively), first and holding nothing else;
            //   2. the launches' turn (AUDIENCES_TAKE_TURNS); 3. the customer's row; 4. the tables' rows.
            // Imports take 1 and then their rows and exclusive tables, never 2; launches take 2 and then rows, never 1.
            // The one exclusive lock an import may hold before 1 is a first bulk load's order_lines, orders and purchase
            // facts, and it takes them together with 1 without waiting (OrderLineBatch.considerBulkLoad: all or none),
            // so it never waits for 1 while holding them; what a load waiting for 1 still holds (the rows its COPY
            // added to order_lines, ROW EXCLUSIVE) no erasure waits for, nor a merge (OrderMerge only tries order_lines).
            // So no cycle can form (ImportDuringErasureTest).
            //
            // 1: after any merge under way, and before the next: an events merge that read the customer before it was
            // deleted failed on events_customer_key_fkey (a 503), an orders merge left orders of the erased customer
            jdbc.sql(MergeLock.ERASURES_WAIT_FOR_MERGES).query(rs -> { });
            // 2: after any launch writing an audience that may name the customer, and before the next: a launch that
            // found the customer and then saw it deleted failed on campaign_audience's foreign key (a 500)
            jdbc.sql(JdbcCampaignAudiences.AUDIENCES_TAKE_TURNS).query(rs -> { });
            // 3: the row lock makes anything else that writes this customer wait until the erasure commits
            Optional<Long> key = jdbc.sql("select customer_key from customers where customer_id = ? for update")
                    .param(customerId.value()).query(Long.class).optional();
            if (key.isEmpty()) {
                return Optional.empty();
            }
            Map<String, Long> rows = new LinkedHashMap<>();
            // rows that belong to the customer through an order (order lines) go first, while the orders still say whose
            for (String table : orderTables()) {
                long deleted = jdbc.sql("delete from " + table + " where order_key in (select order_key from orders where customer_key = :key)")
                        .param("key", key.get()).update();
                rows.put(table, deleted);
            }
            for (CustomerTable table : deletionOrder(customerTables())) {
                List<String> conditions = new ArrayList<>();
                if (table.hasKey()) {
                    conditions.add("customer_key = :key");
                }
                if (table.hasId()) {
                    conditions.add("customer_id::text = :id");
                }
                long deleted = jdbc.sql("delete from " + table.quoted() + " where " + String.join(" or ", conditions))
                        .param("key", key.get()).param("id", customerId.value()).update();
                rows.put(table.name(), deleted);
            }
            return Optional.of(rows);
        });
    }

    private List<CustomerTable> customerTables() {
        return jdbc.sql("""
                        select c.table_name, quote_ident(c.table_name),
                               bool_or(c.column_name = 'customer_key'), bool_or(c.column_name = 'customer_id')
                        from information_schema.columns c
                        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                        where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
                          and c.column_name in ('customer_key', 'customer_id') and c.table_name not like :stage
                        group by c.table_name
                        order by c.table_name""")
                .param("stage", IMPORT_STAGES)
                .query((rs, n) -> new CustomerTable(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4)))
                .list();
    }

    /** Base tables keyed by order_key that carry no customer column themselves (their customer is the order's). */
    private List<String> orderTables() {
        return jdbc.sql("""
                        select quote_ident(c.table_name)
                        from information_schema.columns c
                        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                        where c.table_schema = current_schema() and t.table_type = 'BASE TABLE' and c.table_name <> 'orders'
                        group by c.table_name
                        having bool_or(c.column_name = 'order_key') and not bool_or(c.column_name in ('customer_key', 'customer_id'))
                        order by c.table_name""")
                .query(String.class).list();
    }

    /** Tables that reference another come before it, so no foreign key stops a delete; a cycle falls back to name order. */
    private List<CustomerTable> deletionOrder(List<CustomerTable> tables) {
        Map<String, Set<String>> referencedBy = new HashMap<>();
        jdbc.sql("""
                        select child.relname, parent.relname
                        from pg_constraint con
                        join pg_class child on child.oid = con.conrelid
                        join pg_class parent on parent.oid = con.confrelid
                        join pg_namespace ns on ns.oid = child.relnamespace
                        where con.contype = 'f' and ns.nspname = current_schema() and con.conrelid <> con.confrelid""")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
                .list()
                .forEach(fk -> referencedBy.computeIfAbsent(fk.getValue(), t -> new HashSet<>()).add(fk.getKey()));
        Map<String, CustomerTable> remaining = new LinkedHashMap<>();
        tables.forEach(t -> remaining.put(t.name(), t));
        List<CustomerTable> ordered = new ArrayList<>();
        while (!remaining.isEmpty()) {
            Set<String> ready = new TreeSet<>();
            for (String name : remaining.keySet()) {
                boolean stillReferenced = referencedBy.getOrDefault(name, Set.of()).stream().anyMatch(remaining::containsKey);
                if (!stillReferenced) {
                    ready.add(name);
                }
            }
            if (ready.isEmpty()) {
                ready.addAll(remaining.keySet());
            }
            ready.forEach(name -> ordered.add(remaining.remove(name)));
        }
        return ordered;
    }
}
