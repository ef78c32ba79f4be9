-- Before each publication to a network with a per-account limit (Instagram, LinkedIn, Threads) Greenlight reads the
-- channel's publications within the limit's window, newest first. With only the post and key indexes the database
-- read every intent ever recorded, so each publish cost more the longer a team had used Greenlight; this index hands
-- over the channel's recent intents in order and stops after the limit.
create index idx_publish_intent_channel_time on publish_intent(channel_key, updated_at);
