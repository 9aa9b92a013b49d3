--liquibase formatted sql

--changeset strata:003-create-console-users
create table console_users (
    username       text primary key,
    password_hash  text not null,
    role           text not null,
    enabled        boolean not null default true,
    created_at     timestamptz not null default now()
);

--changeset strata:003-create-api-tokens
-- Only a SHA-256 digest of each token is kept; the token itself is shown once.
create table api_tokens (
    token_id      bigserial primary key,
    name          text not null,
    token_hash    text not null,
    role          text not null,
    created_at    timestamptz not null default now(),
    expires_at    timestamptz,
    revoked_at    timestamptz,
    constraint api_tokens_hash_uk unique (token_hash)
);
