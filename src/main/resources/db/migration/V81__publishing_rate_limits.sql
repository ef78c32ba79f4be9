-- Issue 3 (h3): per-account publishing limits of the networks' APIs. A publish that would exceed one waits for the
-- next slot (the job's due date moves; no retry is spent). Limits move: they are data.
alter table network_rule add column max_posts integer;
alter table network_rule add column post_window varchar(32);
update network_rule set max_posts = 50, post_window = 'PT24H' where network = 'INSTAGRAM';
update network_rule set max_posts = 150, post_window = 'PT24H' where network = 'LINKEDIN';
update network_rule set max_posts = 250, post_window = 'PT24H' where network = 'THREADS';
