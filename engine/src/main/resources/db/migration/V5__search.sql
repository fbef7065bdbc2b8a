-- search module: the PostgreSQL fallback index (unused when Elasticsearch is configured)
create table search_document (
    id           varchar(64) primary key,
    case_id      varchar(64),
    process      varchar(64),
    case_subject varchar(200),
    org_code     varchar(64),
    org_path     text,
    actor        varchar(64),
    action       varchar(40),
    step_id      varchar(64),
    at           timestamptz not null,
    text         text
);
create index search_document_org on search_document (org_path text_pattern_ops, at);
create index search_document_case on search_document (case_id);
