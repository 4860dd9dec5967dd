#pragma once
// The SQL of each schema migration. Plain SQL that a server database also accepts
// (TEXT/INTEGER/REAL, UPSERT, CHECK, REFERENCES); the triggers are the one dialect-specific
// part and keep the append-only rule and the counters true whatever code writes.
// Never edit a released migration: add the next one.

namespace ugc::db {

inline constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE users (
  name       TEXT PRIMARY KEY,
  role       TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE videos (
  video_id        TEXT PRIMARY KEY,
  position        INTEGER NOT NULL UNIQUE,
  media_path      TEXT,
  fingerprint     TEXT,
  probe_json      TEXT,
  source_url      TEXT,
  annotation_only INTEGER NOT NULL DEFAULT 0 CHECK (annotation_only IN (0, 1)),
  origin          TEXT NOT NULL,
  created_at      TEXT NOT NULL
);
CREATE INDEX videos_by_fingerprint ON videos (fingerprint);

CREATE TABLE revisions (
  revision_id        INTEGER PRIMARY KEY,
  video_id           TEXT NOT NULL REFERENCES videos (video_id),
  stage              TEXT NOT NULL CHECK (stage IN ('audio', 'visual', 'joint')),
  kind               TEXT NOT NULL CHECK (kind IN ('draft', 'annotation')),
  origin             TEXT NOT NULL,
  parent_revision_id INTEGER REFERENCES revisions (revision_id),
  draft_revision_id  INTEGER REFERENCES revisions (revision_id),
  fields_json        TEXT NOT NULL,
  caption            TEXT NOT NULL,
  author             TEXT NOT NULL,
  source             TEXT NOT NULL DEFAULT '',
  created_at         TEXT NOT NULL,
  seconds_spent      REAL,
  edit_distance      INTEGER
);
CREATE INDEX revisions_by_video_stage ON revisions (video_id, stage, kind, revision_id);

CREATE TABLE stage_status (
  video_id             TEXT NOT NULL REFERENCES videos (video_id),
  stage                TEXT NOT NULL CHECK (stage IN ('audio', 'visual', 'joint')),
  position             INTEGER NOT NULL,
  state                TEXT NOT NULL,
  head_revision_id     INTEGER REFERENCES revisions (revision_id),
  approved_revision_id INTEGER REFERENCES revisions (revision_id),
  assignee             TEXT,
  updated_at           TEXT NOT NULL,
  PRIMARY KEY (video_id, stage)
);
CREATE INDEX stage_status_queue ON stage_status (stage, state, assignee, position);
CREATE INDEX stage_status_review ON stage_status (state, stage, updated_at);
CREATE INDEX stage_status_in_order ON stage_status (stage, position);

CREATE TABLE reviews (
  review_id     INTEGER PRIMARY KEY,
  video_id      TEXT NOT NULL REFERENCES videos (video_id),
  stage         TEXT NOT NULL,
  revision_id   INTEGER NOT NULL REFERENCES revisions (revision_id),
  reviewer      TEXT NOT NULL,
  reviewer_role TEXT NOT NULL,
  decision      TEXT NOT NULL,
  reason        TEXT NOT NULL DEFAULT '',
  from_state    TEXT NOT NULL,
  to_state      TEXT NOT NULL,
  at_ms         INTEGER NOT NULL,
  created_at    TEXT NOT NULL
);
CREATE INDEX reviews_by_video ON reviews (video_id, stage);

CREATE TABLE qa_pairs (
  qa_id        INTEGER PRIMARY KEY,
  video_id     TEXT NOT NULL REFERENCES videos (video_id),
  qa_type      TEXT NOT NULL,
  question     TEXT NOT NULL,
  options_json TEXT NOT NULL DEFAULT '[]',
  answer       TEXT NOT NULL,
  answer_lines_json TEXT NOT NULL DEFAULT '[]',
  origin       TEXT NOT NULL,
  status       TEXT NOT NULL,
  reviewer     TEXT NOT NULL DEFAULT '',
  reason       TEXT NOT NULL DEFAULT '',
  edited_by    TEXT NOT NULL DEFAULT '',
  version      INTEGER NOT NULL DEFAULT 1,
  updated_by   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);
CREATE INDEX qa_pairs_by_video ON qa_pairs (video_id, qa_type);

CREATE TABLE qa_history (
  history_id   INTEGER PRIMARY KEY,
  qa_id        INTEGER NOT NULL REFERENCES qa_pairs (qa_id),
  version      INTEGER NOT NULL,
  question     TEXT NOT NULL,
  options_json TEXT NOT NULL,
  answer       TEXT NOT NULL,
  answer_lines_json TEXT NOT NULL,
  status       TEXT NOT NULL,
  reviewer     TEXT NOT NULL,
  reason       TEXT NOT NULL,
  edited_by    TEXT NOT NULL,
  changed_by   TEXT NOT NULL,
  changed_at   TEXT NOT NULL,
  UNIQUE (qa_id, version)
);

CREATE TABLE assignments (
  assignment_id INTEGER PRIMARY KEY,
  video_id      TEXT NOT NULL REFERENCES videos (video_id),
  stage         TEXT NOT NULL,
  annotator     TEXT NOT NULL,
  assigned_by   TEXT NOT NULL,
  assigned_at   TEXT NOT NULL
);
CREATE INDEX assignments_by_video ON assignments (video_id, stage);

CREATE TABLE audit_log (
  event_id   INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  at_ms      INTEGER,
  actor      TEXT NOT NULL,
  actor_role TEXT NOT NULL DEFAULT '',
  entity     TEXT NOT NULL,
  entity_key TEXT NOT NULL,
  action     TEXT NOT NULL,
  from_state TEXT,
  to_state   TEXT,
  detail     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_by_entity ON audit_log (entity, entity_key);

CREATE TABLE release_files (
  file_name  TEXT PRIMARY KEY,
  file_order INTEGER NOT NULL,
  question   TEXT
);

CREATE TABLE release_samples (
  sample_id   INTEGER PRIMARY KEY,
  file_name   TEXT NOT NULL REFERENCES release_files (file_name),
  position    INTEGER NOT NULL,
  video_id    TEXT NOT NULL REFERENCES videos (video_id),
  path        TEXT NOT NULL,
  revision_id INTEGER REFERENCES revisions (revision_id),
  qa_id       INTEGER REFERENCES qa_pairs (qa_id),
  UNIQUE (file_name, position)
);

CREATE TABLE signal_cache (
  fingerprint       TEXT NOT NULL,
  extractor         TEXT NOT NULL,
  extractor_version TEXT NOT NULL,
  payload           BLOB NOT NULL,
  created_at        TEXT NOT NULL,
  PRIMARY KEY (fingerprint, extractor, extractor_version)
);

-- Counters kept by triggers so statistics stay O(1) on large projects.
CREATE TABLE stage_state_counts (
  stage TEXT NOT NULL,
  state TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (stage, state)
);
CREATE TABLE qa_counts (
  qa_type TEXT NOT NULL,
  status  TEXT NOT NULL,
  count   INTEGER NOT NULL,
  PRIMARY KEY (qa_type, status)
);
CREATE TABLE author_counts (
  author        TEXT NOT NULL,
  stage         TEXT NOT NULL,
  origin        TEXT NOT NULL,
  revisions     INTEGER NOT NULL,
  seconds_spent REAL NOT NULL,
  PRIMARY KEY (author, stage, origin)
);

CREATE TABLE video_counts (
  annotation_only INTEGER PRIMARY KEY,
  count           INTEGER NOT NULL
);
CREATE TRIGGER videos_counted_on_insert AFTER INSERT ON videos BEGIN
  INSERT INTO video_counts (annotation_only, count) VALUES (NEW.annotation_only, 1)
    ON CONFLICT (annotation_only) DO UPDATE SET count = count + 1;
END;
CREATE TRIGGER videos_counted_on_update AFTER UPDATE OF annotation_only ON videos
WHEN OLD.annotation_only <> NEW.annotation_only BEGIN
  UPDATE video_counts SET count = count - 1 WHERE annotation_only = OLD.annotation_only;
  INSERT INTO video_counts (annotation_only, count) VALUES (NEW.annotation_only, 1)
    ON CONFLICT (annotation_only) DO UPDATE SET count = count + 1;
END;
CREATE TRIGGER videos_counted_on_delete AFTER DELETE ON videos BEGIN
  UPDATE video_counts SET count = count - 1 WHERE annotation_only = OLD.annotation_only;
END;

CREATE TRIGGER stage_status_counted_on_insert AFTER INSERT ON stage_status BEGIN
  INSERT INTO stage_state_counts (stage, state, count) VALUES (NEW.stage, NEW.state, 1)
    ON CONFLICT (stage, state) DO UPDATE SET count = count + 1;
END;
CREATE TRIGGER stage_status_counted_on_update AFTER UPDATE OF state ON stage_status
WHEN OLD.state <> NEW.state BEGIN
  UPDATE stage_state_counts SET count = count - 1 WHERE stage = OLD.stage AND state = OLD.state;
  INSERT INTO stage_state_counts (stage, state, count) VALUES (NEW.stage, NEW.state, 1)
    ON CONFLICT (stage, state) DO UPDATE SET count = count + 1;
END;
CREATE TRIGGER stage_status_counted_on_delete AFTER DELETE ON stage_status BEGIN
  UPDATE stage_state_counts SET count = count - 1 WHERE stage = OLD.stage AND state = OLD.state;
END;

CREATE TRIGGER qa_counted_on_insert AFTER INSERT ON qa_pairs BEGIN
  INSERT INTO qa_counts (qa_type, status, count) VALUES (NEW.qa_type, NEW.status, 1)
    ON CONFLICT (qa_type, status) DO UPDATE SET count = count + 1;
  INSERT INTO qa_history (qa_id, version, question, options_json, answer, answer_lines_json, status, reviewer, reason,
                            edited_by, changed_by, changed_at)
    VALUES (NEW.qa_id, NEW.version, NEW.question, NEW.options_json, NEW.answer, NEW.answer_lines_json, NEW.status,
            NEW.reviewer, NEW.reason, NEW.edited_by, NEW.updated_by, NEW.updated_at);
END;
CREATE TRIGGER qa_counted_on_update AFTER UPDATE ON qa_pairs BEGIN
  UPDATE qa_counts SET count = count - 1 WHERE qa_type = OLD.qa_type AND status = OLD.status;
  INSERT INTO qa_counts (qa_type, status, count) VALUES (NEW.qa_type, NEW.status, 1)
    ON CONFLICT (qa_type, status) DO UPDATE SET count = count + 1;
  INSERT INTO qa_history (qa_id, version, question, options_json, answer, answer_lines_json, status, reviewer, reason,
                            edited_by, changed_by, changed_at)
    VALUES (NEW.qa_id, NEW.version, NEW.question, NEW.options_json, NEW.answer, NEW.answer_lines_json, NEW.status,
            NEW.reviewer, NEW.reason, NEW.edited_by, NEW.updated_by, NEW.updated_at);
END;
CREATE TRIGGER qa_pairs_kept BEFORE DELETE ON qa_pairs BEGIN
  SELECT RAISE(ABORT, 'QA pairs are never deleted; set their status instead');
END;

CREATE TRIGGER author_counted AFTER INSERT ON revisions WHEN NEW.kind = 'annotation' BEGIN
  INSERT INTO author_counts (author, stage, origin, revisions, seconds_spent)
    VALUES (NEW.author, NEW.stage, NEW.origin, 1, COALESCE(NEW.seconds_spent, 0))
    ON CONFLICT (author, stage, origin) DO UPDATE
      SET revisions = revisions + 1, seconds_spent = seconds_spent + COALESCE(NEW.seconds_spent, 0);
END;

-- What annotators and reviewers wrote is never rewritten or removed.
CREATE TRIGGER revisions_never_updated BEFORE UPDATE ON revisions BEGIN
  SELECT RAISE(ABORT, 'revisions are append-only');
END;
CREATE TRIGGER revisions_never_deleted BEFORE DELETE ON revisions BEGIN
  SELECT RAISE(ABORT, 'revisions are append-only');
END;
CREATE TRIGGER reviews_never_updated BEFORE UPDATE ON reviews BEGIN
  SELECT RAISE(ABORT, 'reviews are append-only');
END;
CREATE TRIGGER reviews_never_deleted BEFORE DELETE ON reviews BEGIN
  SELECT RAISE(ABORT, 'reviews are append-only');
END;
CREATE TRIGGER qa_history_never_updated BEFORE UPDATE ON qa_history BEGIN
  SELECT RAISE(ABORT, 'QA history is append-only');
END;
CREATE TRIGGER qa_history_never_deleted BEFORE DELETE ON qa_history BEGIN
  SELECT RAISE(ABORT, 'QA history is append-only');
END;
CREATE TRIGGER audit_log_never_updated BEFORE UPDATE ON audit_log BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_never_deleted BEFORE DELETE ON audit_log BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
)sql";

// The PostgreSQL form of kSchemaV1's triggers (PL/pgSQL): the same counters and the same
// append-only refusals, raised as SQLSTATE P0001 (db reports them as Conflict, like SQLite's
// RAISE(ABORT)).
inline constexpr const char* kSchemaV1PostgresTriggers = R"sql(
CREATE FUNCTION ugc_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'P0001';
END $$;

CREATE TRIGGER revisions_append_only BEFORE UPDATE OR DELETE ON revisions
  FOR EACH ROW EXECUTE FUNCTION ugc_refuse_change('revisions are append-only');
CREATE TRIGGER reviews_append_only BEFORE UPDATE OR DELETE ON reviews
  FOR EACH ROW EXECUTE FUNCTION ugc_refuse_change('reviews are append-only');
CREATE TRIGGER qa_history_append_only BEFORE UPDATE OR DELETE ON qa_history
  FOR EACH ROW EXECUTE FUNCTION ugc_refuse_change('QA history is append-only');
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION ugc_refuse_change('the audit log is append-only');
CREATE TRIGGER qa_pairs_kept BEFORE DELETE ON qa_pairs
  FOR EACH ROW EXECUTE FUNCTION ugc_refuse_change('QA pairs are never deleted; set their status instead');

CREATE FUNCTION ugc_count_videos() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE video_counts SET count = count - 1 WHERE annotation_only = OLD.annotation_only;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO video_counts (annotation_only, count) VALUES (NEW.annotation_only, 1)
      ON CONFLICT (annotation_only) DO UPDATE SET count = video_counts.count + 1;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER videos_counted_on_insert_or_delete AFTER INSERT OR DELETE ON videos
  FOR EACH ROW EXECUTE FUNCTION ugc_count_videos();
CREATE TRIGGER videos_counted_on_update AFTER UPDATE OF annotation_only ON videos
  FOR EACH ROW WHEN (OLD.annotation_only <> NEW.annotation_only) EXECUTE FUNCTION ugc_count_videos();

CREATE FUNCTION ugc_count_stage_states() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE stage_state_counts SET count = count - 1 WHERE stage = OLD.stage AND state = OLD.state;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO stage_state_counts (stage, state, count) VALUES (NEW.stage, NEW.state, 1)
      ON CONFLICT (stage, state) DO UPDATE SET count = stage_state_counts.count + 1;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER stage_status_counted_on_insert_or_delete AFTER INSERT OR DELETE ON stage_status
  FOR EACH ROW EXECUTE FUNCTION ugc_count_stage_states();
CREATE TRIGGER stage_status_counted_on_update AFTER UPDATE OF state ON stage_status
  FOR EACH ROW WHEN (OLD.state <> NEW.state) EXECUTE FUNCTION ugc_count_stage_states();

CREATE FUNCTION ugc_count_and_keep_qa() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    UPDATE qa_counts SET count = count - 1 WHERE qa_type = OLD.qa_type AND status = OLD.status;
  END IF;
  INSERT INTO qa_counts (qa_type, status, count) VALUES (NEW.qa_type, NEW.status, 1)
    ON CONFLICT (qa_type, status) DO UPDATE SET count = qa_counts.count + 1;
  INSERT INTO qa_history (qa_id, version, question, options_json, answer, answer_lines_json, status, reviewer, reason,
                          edited_by, changed_by, changed_at)
    VALUES (NEW.qa_id, NEW.version, NEW.question, NEW.options_json, NEW.answer, NEW.answer_lines_json, NEW.status,
            NEW.reviewer, NEW.reason, NEW.edited_by, NEW.updated_by, NEW.updated_at);
  RETURN NULL;
END $$;
CREATE TRIGGER qa_counted AFTER INSERT OR UPDATE ON qa_pairs
  FOR EACH ROW EXECUTE FUNCTION ugc_count_and_keep_qa();

CREATE FUNCTION ugc_count_authors() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO author_counts (author, stage, origin, revisions, seconds_spent)
    VALUES (NEW.author, NEW.stage, NEW.origin, 1, COALESCE(NEW.seconds_spent, 0))
    ON CONFLICT (author, stage, origin) DO UPDATE
      SET revisions = author_counts.revisions + 1,
          seconds_spent = author_counts.seconds_spent + COALESCE(NEW.seconds_spent, 0);
  RETURN NULL;
END $$;
CREATE TRIGGER author_counted AFTER INSERT ON revisions
  FOR EACH ROW WHEN (NEW.kind = 'annotation') EXECUTE FUNCTION ugc_count_authors();
)sql";

// Team mode: leased tasks (one row per video stage while someone holds it, or held it last).
inline constexpr const char* kSchemaV2 = R"sql(
CREATE TABLE leases (
  video_id      TEXT NOT NULL REFERENCES videos (video_id),
  stage         TEXT NOT NULL CHECK (stage IN ('audio', 'visual', 'joint')),
  kind          TEXT NOT NULL CHECK (kind IN ('annotate', 'review')),
  holder        TEXT NOT NULL,
  granted_at_ms INTEGER NOT NULL,
  expires_at_ms INTEGER NOT NULL,
  PRIMARY KEY (video_id, stage)
);
CREATE INDEX leases_by_holder ON leases (holder, expires_at_ms);
)sql";

// PostgreSQL: every committed change to the work a team sees (states, revisions, reviews,
// leases) notifies the channel the studios listen on, so their queues refresh live. One
// notification per statement; PostgreSQL folds duplicates within a transaction.
inline constexpr const char* kSchemaV2PostgresTriggers = R"sql(
CREATE FUNCTION ugc_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('ugc_project_changes', TG_TABLE_NAME);
  RETURN NULL;
END $$;
CREATE TRIGGER stage_status_notifies AFTER INSERT OR UPDATE OR DELETE ON stage_status
  FOR EACH STATEMENT EXECUTE FUNCTION ugc_notify_change();
CREATE TRIGGER revisions_notify AFTER INSERT ON revisions
  FOR EACH STATEMENT EXECUTE FUNCTION ugc_notify_change();
CREATE TRIGGER reviews_notify AFTER INSERT ON reviews
  FOR EACH STATEMENT EXECUTE FUNCTION ugc_notify_change();
CREATE TRIGGER leases_notify AFTER INSERT OR UPDATE OR DELETE ON leases
  FOR EACH STATEMENT EXECUTE FUNCTION ugc_notify_change();
)sql";

}  // namespace ugc::db
