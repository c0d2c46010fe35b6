-- A stored lower-case title lets listings page through an index alone: PostgreSQL cannot answer an
-- index-only scan from an expression index, so deep pages would otherwise read and sort the table.
ALTER TABLE questions ADD COLUMN title_key text GENERATED ALWAYS AS (lower(title)) STORED;

DROP INDEX questions_title_key;
CREATE UNIQUE INDEX questions_title_key ON questions (title_key) INCLUDE (id);

DROP INDEX questions_difficulty_idx;
CREATE INDEX questions_difficulty_idx ON questions (difficulty, title_key, id);

-- With the question id in the pick index, counting a topic's questions and picking one read the index alone.
DROP INDEX question_topics_pick_idx;
CREATE INDEX question_topics_pick_idx ON question_topics (topic, difficulty, pick_key) INCLUDE (question_id);
