-- Long texts are `varchar` without a length on every database (unbounded on PostgreSQL, up to 1,000,000
-- characters on H2): the foundation's V1 created them as H2 `clob`, which PostgreSQL does not have. A released
-- migration never changes (Flyway checks its checksum on every start), so V1 lives per vendor under
-- db/vendor/{h2,postgresql} and this step brings databases made by the H2 V1 to the same column types.
alter table post_variant alter column text set data type varchar;
alter table post_version alter column content set data type varchar;
alter table feed_entry alter column text set data type varchar;
