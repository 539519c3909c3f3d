-- A worker pool's round trip as one server-side call (docs/queues.md,
-- "benchmarks"): the completions of its finished jobs, the claim into the
-- slots they free, and, when the claim came up short, the queue's next
-- run_at. Sent as separate statements it cost five network round trips
-- (BEGIN, complete, SET LOCAL, claim, COMMIT), and the parsing and planning
-- of the two big statements on every trip: a quarter of a backend's CPU
-- while a pool processed no-op jobs (perf). Here the statements are
-- planned once per session and the call runs as its own transaction.
--
-- Plans: the settings below hold while the function runs, planning
-- included. A queue's hot path wants nothing but index probes: the claim
-- walks jobs_claim in its own order (never a sort of every ready job: on a
-- table not yet analyzed the planner had picked jobs_next_run and sorted
-- every ready job on each claim, 44 ms a claim at 50,000 ready jobs), the
-- completion probes the primary key per id. Generic
-- plans are fixed at the sixth call; with these settings they are the
-- probe plans whatever the statistics said when they were made.

-- Indexes a claim and a completion touch. Every state change is a non-HOT
-- update (state is indexed), which inserts the new row version into every
-- index whose predicate it matches; index inserts were a fifth of a
-- backend's CPU while it processed jobs. jobs_list (listing, counts) now
-- leaves active jobs out: a claim inserts into the primary key and
-- jobs_locked_until only, and active jobs (a few per pool slot) are found
-- through jobs_locked_until. locked_until is set exactly while a
-- job is active.
--
-- Neither index may serve a completion, which must probe the primary key
-- per id: with `state = 'active'` as jobs_locked_until's predicate, and
-- active entries in jobs_list, the planner met the completion's
-- `state = 'active'` with a scan of every active entry, dead ones included
-- (a bitmap scan never marks them dead), so a completion's cost grew with
-- the jobs processed since the last vacuum, or with a walk of all of
-- jobs_list.
DROP INDEX IF EXISTS jobs_locked_until;
CREATE INDEX IF NOT EXISTS jobs_locked_until ON jobs (locked_until)
  WHERE locked_until IS NOT NULL;

DROP INDEX IF EXISTS jobs_list;
CREATE INDEX IF NOT EXISTS jobs_list ON jobs (queue, state, id)
  WHERE state <> 'active';

-- When the workers of a queue should look next: the earliest run_at of its
-- ready jobs (jobs_next_run); NULL when it has none or is paused. Asked by
-- sb_worker_trip after a short claim and by jobs_repo::next_run_at.
CREATE OR REPLACE FUNCTION sb_next_run_at(p_queue TEXT)
RETURNS TIMESTAMPTZ
LANGUAGE plpgsql STABLE
AS $$
BEGIN
  RETURN (SELECT min(r.run_at) FROM jobs AS r
          WHERE r.queue = p_queue
            AND r.state IN ('waiting', 'delayed', 'failed')
            AND NOT EXISTS (SELECT 1 FROM queues AS q
                            WHERE q.name = p_queue AND q.paused));
END
$$;

-- p_completions: {"<id>": <result as JSON text, or null>, ...}. Rows: one
-- per claimed job (job set), then one last row with the ids completed
-- (those p_worker still owned) and, when fewer than p_limit were claimed,
-- the queue's earliest ready run_at.
CREATE OR REPLACE FUNCTION sb_worker_trip(
  p_queue TEXT, p_worker TEXT, p_completions JSONB, p_limit INT,
  p_lock_ms BIGINT, p_ahead_ms BIGINT)
RETURNS TABLE (done BIGINT[], next_run_at TIMESTAMPTZ, job jobs)
LANGUAGE plpgsql
SET enable_seqscan = off
SET enable_bitmapscan = off
SET enable_sort = off
SET enable_hashjoin = off
SET enable_mergejoin = off
SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
  v_ids BIGINT[];
  v_done BIGINT[];
  v_claimed BIGINT := 0;
  v_next TIMESTAMPTZ;
BEGIN
  -- The ids as an array, so that the completion's only index condition is
  -- `id = ANY(...)` on the primary key; joined to a record set, the planner
  -- (believing few rows active) walked all of jobs for the active ones.
  v_ids := ARRAY(SELECT k::BIGINT FROM jsonb_object_keys(p_completions) AS k);
  IF cardinality(v_ids) > 0 THEN
    WITH d AS (
      UPDATE jobs AS j SET state = 'completed',
             result = (p_completions ->> j.id::TEXT)::jsonb,
             finished_at = now(), locked_by = NULL, locked_until = NULL,
             updated_at = now()
      WHERE j.id = ANY(v_ids) AND j.locked_by = p_worker
        AND j.state = 'active'
      RETURNING j.id)
    SELECT array_agg(d.id) INTO v_done FROM d;
  END IF;
  IF p_limit > 0 THEN
    -- SKIP LOCKED makes concurrent claims take disjoint rows without
    -- waiting; a row another claim changed meanwhile is re-checked against
    -- the WHERE clause when it is locked, so it is never claimed twice.
    RETURN QUERY
    WITH picked AS (
      SELECT r.id FROM jobs AS r
      WHERE r.queue = p_queue AND r.state IN ('waiting', 'delayed', 'failed')
        AND r.run_at <= now() + p_ahead_ms * interval '1 millisecond'
        AND NOT EXISTS (SELECT 1 FROM queues AS q
                        WHERE q.name = p_queue AND q.paused)
      ORDER BY r.priority DESC, r.run_at, r.id
      LIMIT p_limit
      FOR UPDATE SKIP LOCKED
    ), claimed AS (
      UPDATE jobs AS j
      SET state = 'active', attempts = j.attempts + 1, locked_by = p_worker,
          locked_until = greatest(now(), j.run_at)
                         + p_lock_ms * interval '1 millisecond',
          started_at = greatest(now(), j.run_at), finished_at = NULL,
          updated_at = now()
      FROM picked WHERE j.id = picked.id
      RETURNING j
    )
    SELECT NULL::BIGINT[], NULL::TIMESTAMPTZ, c.j FROM claimed AS c;
    GET DIAGNOSTICS v_claimed = ROW_COUNT;
    IF v_claimed < p_limit THEN
      v_next := sb_next_run_at(p_queue);
    END IF;
  END IF;
  RETURN QUERY SELECT COALESCE(v_done, '{}'), v_next, NULL::jobs;
END
$$;
