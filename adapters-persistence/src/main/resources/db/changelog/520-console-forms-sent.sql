--liquibase formatted sql

--changeset strata:520-console-forms-sent
-- The console's forms already carried out, per session, for every node (docs/console.md, "A form is carried out
-- once"): until session 51 each node kept them in its memory, so a form sent again to another node behind a round-robin
-- load balancer was carried out again. The first request of a form inserts its row and holds the insert uncommitted
-- while the form is carried out; a copy arriving at any node meanwhile waits on that row's unique key, and then finds
-- the first's redirect (committed) or no row (the first failed: the copy is carried out). An upload's row (kind
-- UPLOAD, the import id as the form) is committed at once, so a copy is answered while the first's file still arrives.
-- session_digest is the SHA-256 of the session cookie, never the cookie. Rows past kept_until are deleted by the
-- scheduled look at the clock (one node at a time), by the index below.
create table console_forms_sent (
    form            uuid not null,
    session_digest  text not null,
    kind            text not null check (kind in ('FORM', 'UPLOAD')),
    status          integer,
    location        text,
    kept_until      timestamptz not null,
    primary key (form, session_digest)
);
create index console_forms_sent_kept_until on console_forms_sent (kept_until);
