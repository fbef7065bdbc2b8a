-- evidence module: attachments, stored once per content (SHA-256), referenced by any number of uploads
create table attachment_blob (
    sha256  char(64) primary key,
    size    bigint   not null,
    content bytea    not null
);

create table attachment (
    id          varchar(36)  primary key,
    case_id     varchar(64),
    name        varchar(200) not null,
    type        varchar(100) not null,
    size        bigint       not null,
    sha256      char(64)     not null references attachment_blob (sha256),
    uploaded_by varchar(64)  not null,
    uploaded_at timestamptz  not null
);
create index attachment_case on attachment (case_id);
