-- Issue 3 (h3): X, LinkedIn and Facebook Page connectors, their counting rules, and OAuth 2.0 "connect account".

-- X: weighted 280 (twitter-text: emoji and CJK 2, every URL 23), 4 images. LinkedIn counts its little-text escapes.
insert into network_rule (network, count_unit, max_length, max_links, max_hashtags, note) values
    ('X', 'X_WEIGHTED', 280, null, null, 'Weighted: most Latin 1, emoji and CJK 2, every URL 23 (twitter-text)');
update network_rule set count_unit = 'LITTLE_TEXT', note = 'Little-text escapes of \ | { } @ [ ] ( ) < > # * _ ~ count'
    where network = 'LINKEDIN';

-- OAuth 2.0 channels (X, LinkedIn, Facebook): the access token stays in credentials_enc (what connectors use); the
-- refresh token is sealed the same way (AES-GCM, greenlight.secret-key). Neither ever leaves the server.
alter table channel add column refresh_token_enc varchar(8000);
alter table channel add column token_expires_at timestamp with time zone;
alter table channel add column connected_by varchar(64);
alter table channel add column connected_at timestamp with time zone;
-- when managers were last warned that the token expires soon (one warning per token)
alter table channel add column expiry_warned_at timestamp with time zone;
