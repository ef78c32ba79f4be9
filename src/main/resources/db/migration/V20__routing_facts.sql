-- Issue 4: the facts approval-routing.dmn decides on. A campaign is a real entity with a type; the post keeps the
-- campaign's name (post.campaign) and its own flags.
create table campaign (
    name        varchar(200) not null primary key,
    type        varchar(32)  not null,
    created_at  timestamp with time zone not null
);
alter table post add column region varchar(64);
alter table post add column paid_promotion boolean default false not null;
alter table post add column price_health_claims boolean default false not null;
alter table post add column crisis boolean default false not null;
