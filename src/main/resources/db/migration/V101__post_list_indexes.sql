-- My posts and the posts API list a filter's posts newest change first (updated_at, then id), a page at a time.
-- With an index in each filter's order the database reads the page it shows, not every post of the author and a
-- sort of them (docs/performance.md). The composite indexes replace the single-column ones of V1: their leading
-- column serves every lookup those served.
create index idx_post_author_updated on post(author, updated_at, id);
create index idx_post_author_status_updated on post(author, status, updated_at, id);
create index idx_post_status_updated on post(status, updated_at, id);
create index idx_post_updated on post(updated_at, id);
drop index idx_post_author;
drop index idx_post_status;
