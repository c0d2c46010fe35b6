-- Difficulty as an enum so that sorting by it follows Easy < Medium < Hard and can use an index.
CREATE TYPE question_difficulty AS ENUM ('Easy', 'Medium', 'Hard');

CREATE TABLE topics (
  slug text PRIMARY KEY CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 40),
  name text NOT NULL
);

INSERT INTO topics (slug, name) VALUES
  ('arrays', 'Arrays'),
  ('strings', 'Strings'),
  ('hashing', 'Hashing'),
  ('two-pointers', 'Two Pointers'),
  ('linked-lists', 'Linked Lists'),
  ('stacks-queues', 'Stacks and Queues'),
  ('trees', 'Trees'),
  ('graphs', 'Graphs'),
  ('dynamic-programming', 'Dynamic Programming'),
  ('greedy', 'Greedy'),
  ('sorting-searching', 'Sorting and Searching'),
  ('bit-manipulation', 'Bit Manipulation');

CREATE TABLE questions (
  id uuid PRIMARY KEY,
  slug text NOT NULL CONSTRAINT questions_slug_key UNIQUE,
  title text NOT NULL,
  description text NOT NULL,
  topics text[] NOT NULL CHECK (cardinality(topics) BETWEEN 1 AND 5),
  difficulty question_difficulty NOT NULL,
  examples jsonb NOT NULL DEFAULT '[]',
  constraints text[] NOT NULL DEFAULT '{}',
  hints text[] NOT NULL DEFAULT '{}',
  starter_code jsonb NOT NULL DEFAULT '{}',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', description), 'B')
  ) STORED
);

-- Titles are unique without regard to case; the same index serves sorting by title.
CREATE UNIQUE INDEX questions_title_key ON questions (lower(title));
CREATE INDEX questions_topics_idx ON questions USING gin (topics);
CREATE INDEX questions_search_idx ON questions USING gin (search);
CREATE INDEX questions_difficulty_idx ON questions (difficulty, lower(title));
CREATE INDEX questions_created_idx ON questions (created_at, id);
CREATE INDEX questions_updated_idx ON questions (updated_at, id);

-- One row per (question, topic) with a random key: the pick walks (topic, difficulty, pick_key)
-- from a random point instead of sorting a whole topic at random.
CREATE TABLE question_topics (
  question_id uuid NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
  topic text NOT NULL REFERENCES topics (slug),
  difficulty question_difficulty NOT NULL,
  pick_key double precision NOT NULL,
  PRIMARY KEY (question_id, topic)
);

CREATE INDEX question_topics_pick_idx ON question_topics (topic, difficulty, pick_key);

-- Every bank slug ever loaded: a question an admin deleted stays deleted across restarts.
CREATE TABLE seeded_slugs (
  slug text PRIMARY KEY,
  seeded_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE images (
  id uuid PRIMARY KEY,
  content_type text NOT NULL,
  size integer NOT NULL CHECK (size > 0),
  data bytea NOT NULL,
  uploaded_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Image formats are compressed already; storing them uncompressed saves the futile attempt.
ALTER TABLE images ALTER COLUMN data SET STORAGE EXTERNAL;
