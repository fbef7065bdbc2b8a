-- evidence module: every document Xianfeng issues (letters, minutes, reports, dossiers), verifiable by its code
create table issued_document (
    code        varchar(20)  primary key,
    kind        varchar(40)  not null,
    case_id     varchar(64),
    title       varchar(200) not null,
    serial      varchar(60),
    issuer      varchar(200) not null,
    issuer_org  varchar(64),
    issued_by   varchar(64)  not null,
    issued_at   timestamptz  not null,
    sha256      char(64)     not null,
    content     bytea        not null,
    void_at     timestamptz,
    void_reason varchar(500),
    replaced_by varchar(20)
);
create index issued_document_case on issued_document (case_id, kind, issued_at);

-- serial numbers per issuing org, kind and year: 〔2026〕第0001号
create table document_serial (
    issuer_org varchar(64) not null,
    kind       varchar(40) not null,
    year       integer     not null,
    last       integer     not null,
    primary key (issuer_org, kind, year)
);
