-- the outcome against Strata's own (floor_ref_first: its facts after orders.csv, floor_ref_second after
-- orders-changed.csv): counts, the five indexes, the facts equal row for row, statistics taken
select case when (select count(*) from orders) = 1000000 and (select count(*) from order_lines) = 1000000
        and (select count(*) from pg_indexes where tablename in ('orders', 'order_lines', 'customer_purchase_facts')) = 5
        and not exists (select customer_key, frequency, monetary, first_bought_at, last_bought_at, purchase_days, repeat_total from customer_purchase_facts
                        except select customer_key, frequency, monetary, first_bought_at, last_bought_at, purchase_days, repeat_total from :ref)
        and not exists (select customer_key, frequency, monetary, first_bought_at, last_bought_at, purchase_days, repeat_total from :ref
                        except select customer_key, frequency, monetary, first_bought_at, last_bought_at, purchase_days, repeat_total from customer_purchase_facts)
        and (select count(*) from pg_stats where tablename in ('orders', 'order_lines', 'customer_purchase_facts') and attname in ('order_key', 'customer_key')) = 4
       then 'check ok: ' else 'check FAILED: ' end
       || (select count(*) from orders) || ' orders, ' || (select count(*) from order_lines) || ' lines, '
       || (select count(*) from customer_purchase_facts) || ' facts (as ' || :'ref' || '), orders all-visible pages '
       || (select relallvisible || '/' || relpages from pg_class where relname = 'orders') as check;
