-- F1: first load, everything the JVM could know given for free (keys, customer keys, digests, masks, the facts),
-- COPY straight into the real tables with their indexes live; statistics; commit; vacuum
begin;
\i copy-keyed.sql
\i copy-facts.sql
\i analyse.sql
\echo step commit
commit;
\i vacuum.sql
