\echo step facts_copy
\copy customer_purchase_facts (customer_key, frequency, monetary, first_bought_at, last_bought_at, purchase_days, repeat_total) from '@K@/facts@N@.copy' @FREEZE@
