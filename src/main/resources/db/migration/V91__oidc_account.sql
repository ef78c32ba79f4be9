-- Issue 9: which Camunda user an OpenID Connect identity (issuer + subject) signs in as. Created at the first
-- single sign-on; a local user is never taken over by an identity provider account of the same name.
create table oidc_account (
    issuer        varchar(500) not null,
    subject       varchar(255) not null,
    user_id       varchar(64)  not null,
    created_at    timestamp with time zone not null,
    last_login_at timestamp with time zone not null,
    primary key (issuer, subject)
);
create unique index idx_oidc_account_user on oidc_account(user_id);
