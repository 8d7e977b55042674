-- Saving a new version of a draft (no version in force) in one call: the row locked, its
-- version checked, the working draft it came from taken, the audit event chained onto the
-- head, the row, version and event written, all in the one statement that calls this, so the
-- database is held for one round trip, and the statements below are planned once per
-- connection instead of at every save (store/assessments/update-assessment.ts). Nothing is
-- written unless the result is 'saved':
--   'not_found'  no assessment by that reference;
--   'stale'      its current version is not `base` (the caller answers 409);
--   'other'      anything the caller decides with more facts than this function has (the
--                version is not a draft, or there is a version in force, or the working draft
--                is not at `draft_revision`, or the chain has no head yet): the caller saves
--                in a transaction of its own instead.
-- The event's hash is SHA-256 over its canonical JSON (store/audit.ts `eventHash`), which
-- the caller has cut in three where the entity's id and the previous hash go.
CREATE FUNCTION "basis_save_version"(
  ref_id uuid,
  ref_slug text,
  base integer,
  expected_status text,
  draft_revision integer,
  new_row json,
  version_row json,
  event json,
  hash_parts text[],
  OUT result text,
  OUT result_id uuid
) LANGUAGE plpgsql AS $$
DECLARE
  v_head record;
  v_prev text;
  v_hash text;
BEGIN
  IF ref_id IS NOT NULL THEN
    SELECT a.id, a.current_version, a.status, a.approved_version INTO v_head
    FROM assessments AS a WHERE a.id = ref_id FOR UPDATE;
  ELSE
    SELECT a.id, a.current_version, a.status, a.approved_version INTO v_head
    FROM assessments AS a WHERE a.slug = ref_slug FOR UPDATE;
  END IF;
  IF NOT FOUND THEN
    result := 'not_found';
    RETURN;
  END IF;
  result_id := v_head.id;
  IF v_head.current_version <> base THEN
    result := 'stale';
    RETURN;
  END IF;
  IF v_head.status <> expected_status OR v_head.approved_version IS NOT NULL THEN
    result := 'other';
    RETURN;
  END IF;
  IF draft_revision IS NOT NULL THEN
    IF coalesce((SELECT d.revision FROM working_drafts AS d
                 WHERE d.assessment_id = v_head.id FOR UPDATE), 0) <> draft_revision THEN
      result := 'other';
      RETURN;
    END IF;
    DELETE FROM working_drafts AS d WHERE d.assessment_id = v_head.id;
  END IF;
  SELECT s.value ->> 'hash' INTO v_prev FROM settings AS s WHERE s.key = 'audit_head' FOR UPDATE;
  IF v_prev IS NULL THEN
    result := 'other';
    RETURN;
  END IF;
  v_hash := encode(sha256(convert_to(
    hash_parts[1] || to_json(v_head.id::text)::text || hash_parts[2] || to_json(v_prev)::text
      || hash_parts[3], 'UTF8')), 'hex');
  INSERT INTO audit_events (id, at, actor, action, entity_type, entity_id, data, prev_hash, hash)
  SELECT e.id, e.at, e.actor, e.action, e.entity_type, v_head.id::text, e.data, v_prev, v_hash
  FROM json_populate_record(null::audit_events, event) AS e;
  UPDATE settings SET value = jsonb_build_object('id', event ->> 'id', 'hash', v_hash)
  WHERE settings.key = 'audit_head';
  UPDATE assessments AS a SET (
    slug, title, activity_name, purpose_summary, owner, search_text, bases, outcome, blockers,
    warnings, next_review, special_category, children, status, current_version, updated_at
  ) = (
    SELECT r.slug, r.title, r.activity_name, r.purpose_summary, r.owner, r.search_text, r.bases,
      r.outcome, r.blockers, r.warnings, r.next_review, r.special_category, r.children, r.status,
      r.current_version, r.updated_at
    FROM json_populate_record(null::assessments, new_row) AS r)
  WHERE a.id = v_head.id;
  INSERT INTO assessment_versions (assessment_id, version, document, evaluation, outcome,
    finding_codes, status, reason, created_by, created_at)
  SELECT v_head.id, v.version, v.document, v.evaluation, v.outcome, v.finding_codes, v.status,
    v.reason, v.created_by, v.created_at
  FROM json_populate_record(null::assessment_versions, version_row) AS v;
  result := 'saved';
END $$;
