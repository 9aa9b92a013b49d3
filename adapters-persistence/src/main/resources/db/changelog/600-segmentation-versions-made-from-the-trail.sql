--liquibase formatted sql

--changeset strata:600-segmentation-versions-made-from-the-trail
-- Versions made before changeset 570 have no made_from, so their older version did not know it had a newer one: its
-- API body said no newerVersion and an edit of it with an ETag read before made one more version beside the newer one.
-- Each edit of a segmentation in use left, since the audit trail exists, the entry CREATED on the new version with the
-- detail 'version <n> of segmentation <id it was made from>, which is in use' (SegmentationService.editInOne); that
-- names the version it was made from. Versions without such an entry (none made by Strata since the trail) stay without.
update segmentations s set made_from = trail.made_from
from (select distinct on (entries.new_id) entries.new_id, entries.made_from
      from (select subject_id::bigint as new_id,
                   substring(detail from '^version [0-9]{1,9} of segmentation ([0-9]{1,18}), which is in use$')::bigint as made_from,
                   id
            from audit_events
            where subject_type = 'segmentation' and action = 'CREATED' and subject_id ~ '^[0-9]{1,18}$'
              and detail ~ '^version [0-9]{1,9} of segmentation [0-9]{1,18}, which is in use$') entries
      where entries.made_from < entries.new_id
        and exists (select 1 from segmentations m where m.segmentation_id = entries.made_from)
      order by entries.new_id, entries.id desc) trail
where s.segmentation_id = trail.new_id and s.made_from is null;
