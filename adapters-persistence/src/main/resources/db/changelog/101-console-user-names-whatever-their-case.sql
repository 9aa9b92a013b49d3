--liquibase formatted sql

--changeset strata:101-rename-console-users-differing-only-in-case splitStatements:false
-- From now on a user name is one name whatever its case. An installation may hold names that differ only in case
-- (pt_planner and PT_PLANNER): the one created first keeps its name; each later one is renamed to
-- <name>-renamed-<n> (password, role and state unchanged) and the renaming is recorded in the audit trail, so that
-- an admin can tell its owner the new name. Where no such pair exists this does nothing.
do $$
declare
    duplicate record;
    n integer;
    candidate text;
begin
    for duplicate in
        select username, first_name from (
            select username,
                   first_value(username) over (partition by lower(username) order by created_at, username) as first_name,
                   row_number() over (partition by lower(username) order by created_at, username) as place
            from console_users) ranked
        where place > 1
        order by username
    loop
        n := 1;
        loop
            candidate := left(duplicate.username, 52) || '-renamed-' || n;
            exit when not exists (select 1 from console_users where lower(username) = lower(candidate));
            n := n + 1;
        end loop;
        update console_users set username = candidate where username = duplicate.username;
        insert into audit_events (actor, action, subject_type, subject_id, before, after, detail)
        values ('strata (changeset 101)', 'CHANGED', 'console_user', candidate,
                json_build_object('username', duplicate.username)::text, json_build_object('username', candidate)::text,
                'renamed because user names are now the same whatever their case and ''' || duplicate.first_name
                    || ''' was created first; the user logs in as ''' || candidate || ''' with the same password');
    end loop;
end
$$;

--changeset strata:101-unique-console-user-names-whatever-their-case
create unique index console_users_lower_username_uk on console_users (lower(username));
