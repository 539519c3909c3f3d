-- Vacuum of the jobs table, tuned for a queue's churn (docs/queues.md,
-- "benchmarks"). Every claim and every completion is a non-HOT update
-- (state is indexed), so each processed job leaves dead entries at the
-- front of the partial claim index (jobs_claim), which every claim walks in
-- (priority, run_at, id) order until vacuum removes them: measured, a
-- claim of 50 read 126 buffers after 20,000 processed jobs and 489 after
-- 80,000. The defaults wait for dead rows worth 20% of the table, which on
-- a table of retained jobs can be millions of dead entries; here vacuum
-- starts after 1% (plus 1,000), and analyze after 2%, so the claim's cost
-- stays bounded by the churn between two vacuums, not by the table's size.
ALTER TABLE jobs SET (
  autovacuum_vacuum_scale_factor = 0.01,
  autovacuum_vacuum_threshold = 1000,
  autovacuum_vacuum_insert_scale_factor = 0.02,
  autovacuum_analyze_scale_factor = 0.02
);
