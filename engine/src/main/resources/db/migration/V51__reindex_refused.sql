-- The stored progress of a rebuild (V27, shared by all nodes) also counts the documents the new index refused.
alter table search_reindex add column refused bigint not null default 0;
