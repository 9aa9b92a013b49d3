--liquibase formatted sql

--changeset strata:120-cut-stored-import-error-values
-- Import reports kept rejected values whole (a 1 MB cell, up to 1000 of them per report). Cut them as new reports are
-- cut (RowError): a value of more than 200 characters to its first 200 and '…' with its length as sent in
-- 'valueLength', the value where the message quotes it likewise, and a message to 1000 characters.
update imports i
set errors = (
    select jsonb_agg(case
                         when length(e->>'value') > 200 or length(e->>'message') > 1000 or length(e->>'column') > 200 then
                             e || jsonb_build_object(
                                 'value', case when length(e->>'value') > 200 then left(e->>'value', 200) || '…' else e->>'value' end,
                                 'valueLength', length(e->>'value'),
                                 'column', case when length(e->>'column') > 200 then left(e->>'column', 200) || '…' else e->>'column' end,
                                 'message', (select case when length(m) > 1000 then left(m, 1000) || '…' else m end
                                             from (select case when length(e->>'value') > 200
                                                               then replace(e->>'message', e->>'value', left(e->>'value', 200) || '…')
                                                               else e->>'message' end as m) quoted))
                         else e end
                     order by ord)
    from jsonb_array_elements(i.errors) with ordinality as x(e, ord))
where exists (select 1 from jsonb_array_elements(i.errors) e
              where length(e->>'value') > 200 or length(e->>'message') > 1000 or length(e->>'column') > 200);

--changeset strata:120-cut-campaign-objectives-and-cancel-reasons
-- A campaign's objective and a cancel reason had no limit (1 MB was accepted); the domain now allows 500 characters,
-- as for a segment's goal. Longer ones stored before are cut so that such campaigns still load.
update campaigns set objective = left(objective, 500) where length(objective) > 500;
update campaigns set cancel_reason = left(cancel_reason, 500) where length(cancel_reason) > 500;
