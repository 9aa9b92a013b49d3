--liquibase formatted sql

--changeset strata:450-preview-pages-read-ahead
--preconditions onFail:MARK_RAN onError:MARK_RAN
--precondition-sql-check expectedResult:1 select count(*) from pg_available_extensions e where e.name = 'pg_prewarm' and (e.installed_version is not null or (select rolsuper from pg_roles where rolname = current_user) or exists (select 1 from pg_available_extension_versions v where v.name = e.name and v.version = e.default_version and v.trusted))
-- pg_prewarm (shipped with PostgreSQL's contrib and the embedded server's binaries): a run and a start ask the OS to
-- read the pages every attribute preview scans into its cache ahead of the first preview (PreviewPagesReadAhead,
-- issue 19 item 3). A server without the module (an external one may lack contrib), or where the application's user may
-- not create it (pg_prewarm is not a trusted extension: only a superuser may, unless it is installed already), skips
-- this changeset; the read-ahead then does nothing.
create extension if not exists pg_prewarm;
