--liquibase formatted sql

--changeset strata:004-create-imports
create table imports (
    import_id       uuid primary key,
    entity          text not null,
    mode            text not null,
    status          text not null,
    requested_by    text,
    started_at      timestamptz not null,
    finished_at     timestamptz,
    rows_received   bigint not null default 0,
    rows_imported   bigint not null default 0,
    rows_rejected   bigint not null default 0,
    created         bigint not null default 0,
    updated         bigint not null default 0,
    errors          jsonb not null default '[]'::jsonb,
    message         text
);
create index imports_started_idx on imports (started_at desc);
