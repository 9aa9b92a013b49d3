--liquibase formatted sql

--changeset strata:690-cut-segment-names-and-descriptions splitStatements:false
-- A general segmentation's segments took a name and a description of any length until session 61 (a definition document
-- with a 1 MB name was stored); the domain now allows 200 and 2000 characters, as for the other names and for a tactical
-- segment's hypothesis. A definition read back is built by the domain, so one stored past the bounds no longer loaded
-- (its segmentation's page and API answers failed); those are cut here, between characters (left() counts characters,
-- as the domain does). Only the documents holding such a segment are rewritten (through jsonb: their keys may come back
-- in another order, which the reader does not mind); every other one is left as it was. Row by row, so that a document
-- jsonb does not read (a NUL written as \u0000, which text keeps and jsonb refuses, stored before control characters were
-- refused; a document edited by hand) is left as it was with a warning, rather than stopping the upgrade and the start.
do $$
declare
    stored record;
    doc jsonb;
begin
    for stored in select segmentation_id, definition from segmentations loop
        begin
            doc := stored.definition::jsonb;
        exception when others then
            raise warning 'segmentation %: its definition is not read as JSON by PostgreSQL (%), so it was left as it was',
                stored.segmentation_id, sqlerrm;
            continue;
        end;
        if jsonb_typeof(doc -> 'segments') = 'array'
           and exists (select 1 from jsonb_array_elements(doc -> 'segments') s
                       where jsonb_typeof(s) = 'object'
                         and (char_length(s ->> 'name') > 200 or char_length(s ->> 'description') > 2000)) then
            update segmentations
            set definition = jsonb_set(doc, '{segments}', (
                    select jsonb_agg(case when jsonb_typeof(e.s) = 'object'
                                          then e.s
                                               || case when jsonb_typeof(e.s -> 'name') = 'string'
                                                       then jsonb_build_object('name', left(e.s ->> 'name', 200)) else '{}'::jsonb end
                                               || case when jsonb_typeof(e.s -> 'description') = 'string'
                                                       then jsonb_build_object('description', left(e.s ->> 'description', 2000)) else '{}'::jsonb end
                                          else e.s end order by e.ord)
                    from jsonb_array_elements(doc -> 'segments') with ordinality e(s, ord)))::text
            where segmentation_id = stored.segmentation_id;
        end if;
    end loop;
end $$;
