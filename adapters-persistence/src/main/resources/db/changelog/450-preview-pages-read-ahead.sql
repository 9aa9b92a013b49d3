--liquibase formatted sql

--changeset strata:450-preview-pages-read-ahead
--preconditions onFail:MARK_RAN onError:MARK_RAN
--precondition-sql-check expectedResult:1 select count(*) from pg_available_extensions where name = 'pg_prewarm'
-- pg_prewarm (shipped with PostgreSQL's contrib and the embedded server's binaries): a run and a start ask the OS to
-- read the pages every attribute preview scans into its cache ahead of the first preview (PreviewPagesReadAhead,
-- issue 19 item 3). A server without the module (an external one may lack contrib) skips this changeset; the read-ahead
-- then does nothing.
create extension if not exists pg_prewarm;
