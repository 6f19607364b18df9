-- Expired quotes are deleted on a schedule (QUOTE_PURGE_INTERVAL_MS): find them by validity.
CREATE INDEX quotes_valid_until ON quotes (valid_until);
