-- The calendar's "not yet scheduled" list: the latest changed posts without a time (scheduled_at is null, newest
-- updated_at first, limit 30). With this index the database walks the newest few instead of reading and sorting
-- every unscheduled post (docs/performance.md).
create index idx_post_scheduled_updated on post(scheduled_at, updated_at);
