-- Clinics, their API keys (hashes only), versioned price sheets and saved quotes.

CREATE TABLE clinics (
  id          text PRIMARY KEY,
  name        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- A key is "mq_<id>_<secret>": the id finds the row, the secret is compared as a SHA-256 hash in
-- constant time. The secret itself is never stored.
CREATE TABLE api_keys (
  id           text PRIMARY KEY,
  clinic_id    text NOT NULL REFERENCES clinics (id),
  secret_hash  bytea NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  revoked_at   timestamptz
);
CREATE INDEX api_keys_clinic ON api_keys (clinic_id);

-- Every change to a sheet is a new row; old versions are kept. The primary key makes two writers
-- who both read version n unable to both write n + 1: the second gets a unique violation (412).
-- The sheet is kept as the exact JSON text that is served back.
CREATE TABLE price_sheets (
  clinic_id   text NOT NULL REFERENCES clinics (id),
  version     integer NOT NULL CHECK (version >= 1),
  sheet       text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (clinic_id, version)
);

-- A quote is the exact bytes answered when it was made, served back unchanged.
CREATE TABLE quotes (
  id             text PRIMARY KEY,
  body           text NOT NULL,
  data_version   text NOT NULL,
  clinic_id      text REFERENCES clinics (id),
  sheet_version  integer,
  created_at     timestamptz NOT NULL,
  valid_until    timestamptz NOT NULL
);
