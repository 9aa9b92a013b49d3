\echo step lines_pkey
alter table order_lines add constraint order_lines_pkey primary key (order_key, line_no);
