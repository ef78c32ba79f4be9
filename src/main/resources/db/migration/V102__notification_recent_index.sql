-- The bell and the notification list show a user's newest notifications first. With only (recipient, read_at) the
-- database read every notification of the user and sorted them on each page view, so the cost grew with the
-- user's history; this index gives the newest ones in order and stops after the page.
create index idx_notification_recipient_created on notification(recipient, created_at);
