-- search module (issue 17): the indexer writes a task document only when it differs from what it last wrote there.
-- That memory holds only while the index holds what this indexer wrote: every rewind (a rebuild swapped in) moves the
-- generation on, even when the position stays, so each node forgets what it wrote before.
alter table search_cursor add column generation bigint not null default 0;
