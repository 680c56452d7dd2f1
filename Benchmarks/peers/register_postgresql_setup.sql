-- Tables for the pgbench durability floor (register_postgresql.sql).
CREATE TABLE peer_audit (seq BIGINT PRIMARY KEY, content TEXT NOT NULL, previous_hash TEXT NOT NULL, hash TEXT NOT NULL);
CREATE TABLE peer_seal (id BIGINT PRIMARY KEY CHECK (id = 1), head_seq BIGINT NOT NULL, head_hash TEXT NOT NULL);
CREATE TABLE peer_enrolment (seq BIGINT PRIMARY KEY, pseudonym TEXT NOT NULL UNIQUE, arm TEXT NOT NULL, audit_seq BIGINT NOT NULL);
INSERT INTO peer_seal VALUES (1, 0, repeat('0', 64));
