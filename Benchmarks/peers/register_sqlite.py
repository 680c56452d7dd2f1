"""The durability floor for `preventkit-bench enrol`: Python's sqlite3 committing one row per
transaction with the register's settings (WAL, synchronous=FULL, BEGIN IMMEDIATE), each row keyed
by an HMAC-SHA256 pseudonym and chained by SHA-256, but with no allocation, eligibility check or
history read. Prints one `python-sqlite SECONDS` line per repetition.

    python3 register_sqlite.py FOLDER COUNT REPETITIONS
"""
import hashlib
import hmac
import os
import sqlite3
import sys
import time
import uuid

folder, count, repetitions = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
key = os.urandom(32)
for _ in range(repetitions):
    path = os.path.join(folder, f"register-peer-{uuid.uuid4()}.sqlite")
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    db.execute("CREATE TABLE audit (seq INTEGER PRIMARY KEY, content TEXT, previous_hash TEXT, hash TEXT)")
    db.execute("CREATE TABLE enrolment (seq INTEGER PRIMARY KEY, pseudonym TEXT UNIQUE, arm TEXT, audit_seq INTEGER)")
    previous = "0" * 64
    start = time.perf_counter()
    for index in range(count):
        pseudonym = hmac.new(key, f"person-{index}".encode(), hashlib.sha256).hexdigest()
        db.execute("BEGIN IMMEDIATE")
        content = f'{{"pseudonym":"{pseudonym}","arm":"control"}}'
        digest = hashlib.sha256(f"{index + 1}\nenrol\n{content}\n{previous}".encode()).hexdigest()
        db.execute("INSERT INTO audit VALUES (?, ?, ?, ?)", (index + 1, content, previous, digest))
        db.execute("INSERT INTO enrolment VALUES (?, ?, ?, ?)", (index + 1, pseudonym, "control", index + 1))
        db.execute("COMMIT")
        previous = digest
    elapsed = time.perf_counter() - start
    (rows,) = db.execute("SELECT count(*) FROM enrolment").fetchone()
    assert rows == count, rows
    db.close()
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    print(f"python-sqlite {elapsed:.6f}")
