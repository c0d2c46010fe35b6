-- What an attempt keeps besides its code: the runs of the session (each summarized by the collaboration
-- service, its starter kept as the participant's position like the edit log's authors), the language
-- switches in order (each with the version it happened at, for the replay) and how each participant
-- named themselves in the session. The sizes are checked by the service; the checks here are a backstop.
ALTER TABLE attempts
  ADD COLUMN runs              jsonb NOT NULL DEFAULT '[]'
    CHECK (jsonb_typeof(runs) = 'array' AND jsonb_array_length(runs) <= 1000),
  ADD COLUMN language_switches jsonb NOT NULL DEFAULT '[]'
    CHECK (jsonb_typeof(language_switches) = 'array' AND jsonb_array_length(language_switches) <= 10000);

ALTER TABLE attempt_participants
  ADD COLUMN display_name text CHECK (char_length(display_name) BETWEEN 1 AND 64);
