-- The durability floor for `preventkit-bench register` on PostgreSQL, run by pgbench: one
-- enrolment's writes per transaction with the register's locking (SERIALIZABLE, an EXCLUSIVE lock
-- on the seal table taken first), an audit row chained by SHA-256 to the one before and an
-- allocation row, committed with synchronous_commit = on, but with no allocation, eligibility
-- check, history read or HMAC seal. The tables are made by register_postgresql_setup.sql.
BEGIN ISOLATION LEVEL SERIALIZABLE;
LOCK TABLE peer_seal IN EXCLUSIVE MODE;
INSERT INTO peer_audit (seq, content, previous_hash, hash)
    SELECT s.head_seq + 1, '{"arm":"control"}', s.head_hash,
           encode(sha256(convert_to((s.head_seq + 1) || E'\nenrol\n{"arm":"control"}\n' || s.head_hash, 'UTF8')), 'hex')
    FROM peer_seal s;
UPDATE peer_seal SET head_seq = a.seq, head_hash = a.hash
    FROM (SELECT seq, hash FROM peer_audit ORDER BY seq DESC LIMIT 1) a;
INSERT INTO peer_enrolment (seq, pseudonym, arm, audit_seq)
    SELECT head_seq, md5(random()::text || clock_timestamp()::text), 'control', head_seq FROM peer_seal;
COMMIT;
