-- Instagram and Threads connectors (media containers, Meta OAuth).

-- What a connector remembers between the attempts of one publication: Instagram's and Threads' media container ids,
-- saved the moment they are created, so a retry (after a time-out, a crash or a restart) publishes the container it
-- already made instead of creating a second one.
alter table publish_intent add column network_state varchar(4000);

-- Threads counts characters, but an emoji as its UTF-8 bytes (developers.facebook.com/docs/threads/posts:
-- "Emojis are counted as the number of UTF-8 bytes"); every character in UTF-8 bytes counted "é" twice.
update network_rule set count_unit = 'EMOJI_BYTES', note = 'Characters, each emoji as its UTF-8 bytes; at most 5 links'
    where network = 'THREADS';
