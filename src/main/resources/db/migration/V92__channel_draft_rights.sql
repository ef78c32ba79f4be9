-- Issue 9: per-channel rights. A channel with rows here may be drafted for only by members of these groups (and by
-- managers and administrators); a channel without rows is open to everyone who may write posts.
create table channel_draft_group (
    channel_key varchar(64) not null references channel(channel_key) on delete cascade,
    group_id    varchar(64) not null,
    primary key (channel_key, group_id)
);
