-- Issue 9: signed review links for external approvers (clients, executives) without an account.
-- One row per link sent. The link itself is not stored: it is an HMAC over this row's binding (post, content
-- version, content hash, task, approver, expiry), so a row cannot be turned into a working link without the key.
create table external_review_link (
    id                  varchar(36)  not null primary key,
    post_id             varchar(36)  not null references post(id) on delete cascade,
    content_version     integer      not null,
    content_hash        varchar(64)  not null,
    task_id             varchar(64)  not null,
    process_instance_id varchar(64)  not null,
    stage_name          varchar(255),
    approver_email      varchar(254) not null,
    status              varchar(16)  not null,
    created_at          timestamp with time zone not null,
    expires_at          timestamp with time zone not null,
    mailed_at           timestamp with time zone,
    mail_error          varchar(500),
    viewed_at           timestamp with time zone,
    decided_at          timestamp with time zone,
    decision            varchar(16),
    decision_comment    varchar(4000),
    seen_hash           varchar(64),
    closed_at           timestamp with time zone,
    closed_by           varchar(320),
    closed_reason       varchar(500),
    lock_version        bigint       not null default 0
);
create index idx_external_review_post on external_review_link(post_id);
create index idx_external_review_task on external_review_link(task_id);
