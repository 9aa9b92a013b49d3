--liquibase formatted sql

--changeset strata:540-tactical-segment-versions
-- A tactical segment's versions (session 52): a change is saved as a new row and the old one archived, and until now
-- nothing but the audit trail said which rows were versions of one segment, so the console's list showed every version
-- ever saved (5,000 rows after three years). original_id names the first version of the row's segment; it is null on
-- a first version, so a segment is coalesce(original_id, tactical_id) and its current version the newest row of it.
alter table tactical_segments add column original_id bigint references tactical_segments (tactical_id);
create index tactical_segments_versions_idx on tactical_segments ((coalesce(original_id, tactical_id)), tactical_id desc);

-- Versions saved before this change: each revision left the audit entry CHANGED on the new version with the detail
-- 'new version of tactical segment <previous id>'; followed back to the version without one, that is the first.
with recursive revised as (
    select distinct on (new_id) new_id, previous_id
    from (select subject_id::bigint as new_id, substring(detail from '^new version of tactical segment ([0-9]+)$')::bigint as previous_id
          from audit_events
          where subject_type = 'tactical_segment' and action = 'CHANGED' and subject_id ~ '^[0-9]{1,18}$'
            and detail ~ '^new version of tactical segment [0-9]{1,18}$') entries
    where new_id > previous_id
      and exists (select 1 from tactical_segments t where t.tactical_id = new_id)
      and exists (select 1 from tactical_segments t where t.tactical_id = previous_id)
    order by new_id, previous_id desc
), chain (tactical_id, first_id) as (
    select new_id, previous_id from revised
    union all
    select c.tactical_id, r.previous_id from chain c join revised r on r.new_id = c.first_id
)
update tactical_segments t set original_id = firsts.first_id
from (select tactical_id, min(first_id) as first_id from chain group by tactical_id) firsts
where t.tactical_id = firsts.tactical_id;
