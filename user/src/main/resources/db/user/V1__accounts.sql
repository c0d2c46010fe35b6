-- Accounts. Usernames and emails keep the case the person typed; uniqueness ignores case.
CREATE TABLE users (
  id                 uuid PRIMARY KEY,
  username           text        NOT NULL CHECK (username ~ '^[A-Za-z0-9_.-]{3,32}$'),
  email              text        NOT NULL CHECK (length(email) <= 254),
  password_hash      text        NOT NULL,
  display_name       text        CHECK (length(display_name) BETWEEN 1 AND 64),
  preferred_language text        CHECK (preferred_language IN ('python', 'java', 'javascript', 'cpp')),
  role               text        NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'admin')),
  disabled           boolean     NOT NULL DEFAULT false,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX users_username_unique ON users (lower(username));
CREATE UNIQUE INDEX users_email_unique ON users (lower(email));
CREATE INDEX users_created_at ON users (created_at, id);

-- Refresh tokens, stored as SHA-256 hashes. A family is one sign-in and every token rotated from it,
-- so presenting a token that was already replaced can revoke the whole chain.
CREATE TABLE refresh_tokens (
  token_hash  text        PRIMARY KEY,
  family_id   uuid        NOT NULL,
  user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  replaced_at timestamptz,
  revoked_at  timestamptz
);

CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);
CREATE INDEX refresh_tokens_expiry ON refresh_tokens (expires_at);

-- Deleted accounts the history service has not acknowledged yet. Written in the same transaction as
-- the deletion, so a crash between the two cannot lose the notice.
CREATE TABLE account_deletion_outbox (
  id              bigserial   PRIMARY KEY,
  user_id         uuid        NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  attempts        integer     NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error      text
);

CREATE INDEX account_deletion_outbox_due ON account_deletion_outbox (next_attempt_at);
