-- Listings page by key (the last item's sort key) instead of by offset. A topic's rows carry the
-- question's sort keys, so a page of a topic is one range of one index, read without the heap.
ALTER TABLE question_topics
  ADD COLUMN title_key text,
  ADD COLUMN created_at timestamptz,
  ADD COLUMN updated_at timestamptz;

UPDATE question_topics qt SET title_key = q.title_key, created_at = q.created_at, updated_at = q.updated_at
  FROM questions q WHERE q.id = qt.question_id;

ALTER TABLE question_topics
  ALTER COLUMN title_key SET NOT NULL,
  ALTER COLUMN created_at SET NOT NULL,
  ALTER COLUMN updated_at SET NOT NULL;

CREATE INDEX question_topics_title_idx ON question_topics (topic, title_key) INCLUDE (question_id, difficulty);
CREATE INDEX question_topics_difficulty_idx ON question_topics (topic, difficulty, title_key) INCLUDE (question_id);
CREATE INDEX question_topics_created_idx ON question_topics (topic, created_at, question_id) INCLUDE (difficulty);
CREATE INDEX question_topics_updated_idx ON question_topics (topic, updated_at, question_id) INCLUDE (difficulty);

-- The whole bank filtered by difficulty and sorted by title, from the index alone.
DROP INDEX questions_title_key;
CREATE UNIQUE INDEX questions_title_key ON questions (title_key) INCLUDE (id, difficulty);

-- Counts kept in the transaction that changes the rows, so a total or GET /topics reads a few rows
-- instead of counting the bank. Statement triggers add each statement's rows in one pass, taking the
-- counter rows in key order so two writers of the same counters queue instead of deadlocking.
CREATE TABLE topic_counts (
  topic text NOT NULL,
  difficulty question_difficulty NOT NULL,
  n bigint NOT NULL,
  PRIMARY KEY (topic, difficulty)
);

CREATE TABLE difficulty_counts (
  difficulty question_difficulty PRIMARY KEY,
  n bigint NOT NULL
);

INSERT INTO topic_counts (topic, difficulty, n)
  SELECT topic, difficulty, count(*) FROM question_topics GROUP BY topic, difficulty;
INSERT INTO difficulty_counts (difficulty, n)
  SELECT difficulty, count(*) FROM questions GROUP BY difficulty;

-- A trigger with transition tables has one event, so each function branches on it: plpgsql plans a
-- statement when it first runs, so the branch naming a transition table the event lacks never runs.
CREATE FUNCTION count_topic_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO topic_counts AS c (topic, difficulty, n)
      SELECT topic, difficulty, count(*) FROM new_rows GROUP BY topic, difficulty ORDER BY topic, difficulty
      ON CONFLICT (topic, difficulty) DO UPDATE SET n = c.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO topic_counts AS c (topic, difficulty, n)
      SELECT topic, difficulty, -count(*) FROM old_rows GROUP BY topic, difficulty ORDER BY topic, difficulty
      ON CONFLICT (topic, difficulty) DO UPDATE SET n = c.n + excluded.n;
  ELSE
    INSERT INTO topic_counts AS c (topic, difficulty, n)
      SELECT topic, difficulty, sum(delta) FROM (
        SELECT topic, difficulty, 1 AS delta FROM new_rows UNION ALL SELECT topic, difficulty, -1 FROM old_rows
      ) AS changes GROUP BY topic, difficulty HAVING sum(delta) <> 0 ORDER BY topic, difficulty
      ON CONFLICT (topic, difficulty) DO UPDATE SET n = c.n + excluded.n;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION count_question_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO difficulty_counts AS c (difficulty, n)
      SELECT difficulty, count(*) FROM new_rows GROUP BY difficulty ORDER BY difficulty
      ON CONFLICT (difficulty) DO UPDATE SET n = c.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO difficulty_counts AS c (difficulty, n)
      SELECT difficulty, -count(*) FROM old_rows GROUP BY difficulty ORDER BY difficulty
      ON CONFLICT (difficulty) DO UPDATE SET n = c.n + excluded.n;
  ELSE
    INSERT INTO difficulty_counts AS c (difficulty, n)
      SELECT difficulty, sum(delta) FROM (
        SELECT difficulty, 1 AS delta FROM new_rows UNION ALL SELECT difficulty, -1 FROM old_rows
      ) AS changes GROUP BY difficulty HAVING sum(delta) <> 0 ORDER BY difficulty
      ON CONFLICT (difficulty) DO UPDATE SET n = c.n + excluded.n;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION clear_topic_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM topic_counts;
  RETURN NULL;
END $$;

CREATE FUNCTION clear_difficulty_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM difficulty_counts;
  RETURN NULL;
END $$;

CREATE TRIGGER question_topics_inserted AFTER INSERT ON question_topics
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_topic_rows();
CREATE TRIGGER question_topics_deleted AFTER DELETE ON question_topics
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION count_topic_rows();
CREATE TRIGGER question_topics_updated AFTER UPDATE ON question_topics
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_topic_rows();
CREATE TRIGGER question_topics_truncated AFTER TRUNCATE ON question_topics
  FOR EACH STATEMENT EXECUTE FUNCTION clear_topic_counts();

CREATE TRIGGER questions_inserted AFTER INSERT ON questions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_question_rows();
CREATE TRIGGER questions_deleted AFTER DELETE ON questions
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION count_question_rows();
CREATE TRIGGER questions_updated AFTER UPDATE ON questions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_question_rows();
CREATE TRIGGER questions_truncated AFTER TRUNCATE ON questions
  FOR EACH STATEMENT EXECUTE FUNCTION clear_difficulty_counts();
