-- The web origins (scheme://host[:port]) whose pages may call the API for a clinic: its embedded
-- calculator. Registered with the clinic's key; CORS reads them through a short cache.
CREATE TABLE clinic_origins (
  clinic_id   text NOT NULL REFERENCES clinics (id),
  origin      text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (clinic_id, origin)
);
