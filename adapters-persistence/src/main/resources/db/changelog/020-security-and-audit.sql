--liquibase formatted sql

--changeset strata:020-create-audit-events
-- Who changed what, when; before/after hold the subject's definition as JSON text. Never personal data: subjects are
-- named by id.
create table audit_events (
    id            bigserial primary key,
    occurred_at   timestamptz not null default clock_timestamp(),
    actor         text not null,
    action        text not null,
    subject_type  text not null,
    subject_id    text not null,
    before        text,
    after         text,
    detail        text
);
create index audit_events_occurred_idx on audit_events (occurred_at desc, id desc);
create index audit_events_subject_idx on audit_events (subject_type, subject_id);
create index audit_events_actor_idx on audit_events (actor, occurred_at desc);

--changeset strata:020-create-audit-events-append-only-function splitStatements:false
create function audit_events_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_events is append-only: % is not allowed', tg_op
        using hint = 'audit entries are never changed or removed; record a new entry instead';
end
$$;

--changeset strata:020-reject-update-and-delete-of-audit-events
create trigger audit_events_no_update_or_delete before update or delete on audit_events
    for each row execute function audit_events_append_only();
create trigger audit_events_no_truncate before truncate on audit_events
    for each statement execute function audit_events_append_only();

--changeset strata:020-create-login-failures
-- Failed console logins per (lower-cased) user name, in the database so that every application node sees a lock.
create table login_failures (
    username           text primary key,
    failures           integer not null,
    window_started_at  timestamptz not null,
    last_failure_at    timestamptz not null,
    locked_until       timestamptz
);
create index login_failures_last_failure_idx on login_failures (last_failure_at);
