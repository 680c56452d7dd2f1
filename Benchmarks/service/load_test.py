#!/usr/bin/env python3
"""Load test of the allocation service: concurrent enrollers through the JSON API on loopback.

Creates a fresh register for the bundled study with one enroller account per client, starts
`prevent serve`, and lets CLIENTS threads (each its own keep-alive connection and session) enrol
new people as fast as the service answers for SECONDS. About one person in twenty is
ineligible. With --restart the service is killed (SIGKILL) half-way and started again on the same
port; clients retry the person they were enrolling until they get an answer (a person whose
allocation was committed before the kill gets "already enrolled" and is then looked up).

Afterwards it checks that:
- every enrolment request was answered (outside the restart, no transport error or non-2xx);
- no allocation was lost or duplicated: the register's export holds exactly one row per person
  the clients were told was allocated, under that person's pseudonym (HMAC-SHA256 keyed from
  the study secret in the key file), with the arm the client was told, and no other rows;
- `prevent audit verify --study` is clean.

Prints the enrolments per second (every one durably committed: the register's SQLite file is in
WAL mode with synchronous = FULL) and, with --results, appends `service preventkit SECONDS`
(seconds per 1,000 enrolments) for Benchmarks/peers/summarise.py.

    load_test.py --prevent .build/release/prevent [--clients 50] [--seconds 60] [--restart]
"""

import argparse
import csv
import hashlib
import hmac
import http.client
import json
import os
import random
import sys
import threading
import time

sys.dont_write_bytecode = True  # keep the test target's folder free of generated files
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Tests", "AllocationServiceTests", "Browser"))
from service_process import PASSWORD, Service, run  # noqa: E402

RISK = ["low", "medium", "high"]
AREA = ["central", "north", "east", "west"]


def fields(rng, eligible):
    return {"age": str(rng.randint(10, 25) if eligible else rng.randint(30, 40)), "sex": rng.choice(["female", "male"]),
            "risk_band": rng.choice(RISK), "area": rng.choice(AREA), "prior_offences": str(rng.randint(0, 9)),
            "ocg_link": rng.choice(["yes", "no"]), "consent": "yes"}


class Client(threading.Thread):
    """One enroller: signs in, then enrols people until the deadline."""

    def __init__(self, index, port, deadline, outage):
        super().__init__(daemon=True)
        self.index, self.port, self.deadline, self.outage = index, port, deadline, outage
        self.name_ = f"officer{index:02d}"
        self.rng = random.Random(index)
        self.connection = None
        self.cookie = self.csrf = None
        self.allocated = {}        # identifier -> arm, as answered
        self.recovered = []        # identifiers answered "already enrolled" after a retry
        self.ineligible = []
        self.requests = 0
        self.transport_errors = 0  # outside the outage
        self.outage_errors = 0
        self.bad_statuses = []
        self.latencies = []

    def connect(self):
        if self.connection:
            self.connection.close()
        self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)

    def request(self, method, path, body, session=True):
        headers = {"Content-Type": "application/json"}
        if session:
            headers["Cookie"] = "prevent_session=" + self.cookie
            headers["X-CSRF-Token"] = self.csrf
        self.connection.request(method, path, body=json.dumps(body), headers=headers)
        response = self.connection.getresponse()
        return response.status, response.getheader("Set-Cookie") or "", response.read()

    def sign_in(self):
        status, cookie, body = self.request("POST", "/api/session", {"name": self.name_, "password": PASSWORD}, session=False)
        if status != 201:
            raise RuntimeError(f"{self.name_}: sign-in answered {status}")
        self.cookie = cookie.split(";")[0].split("=", 1)[1]
        self.csrf = json.loads(body)["csrf_token"]

    def call(self, path, body):
        """Sends until answered; reconnects (and signs in again) across an outage."""
        retried = False
        while True:
            try:
                if self.connection is None or self.cookie is None:
                    self.connect()
                    self.sign_in()
                start = time.perf_counter()
                status, _, answer = self.request("POST", path, body)
                self.latencies.append(time.perf_counter() - start)
                self.requests += 1
                if status == 401:
                    self.cookie = None
                    retried = True
                    continue
                return status, json.loads(answer), retried
            except (OSError, http.client.HTTPException, RuntimeError):
                if self.outage.is_set():
                    self.outage_errors += 1
                else:
                    self.transport_errors += 1
                self.connection = None
                retried = True
                time.sleep(0.2)

    def run(self):
        number = 0
        while time.time() < self.deadline:
            number += 1
            identifier = f"LOAD-{self.index:02d}-{number:06d}"
            eligible = self.rng.random() >= 0.05
            status, answer, retried = self.call("/api/enrolments", {"identifier": identifier, "fields": fields(self.rng, eligible)})
            if status not in (200, 201):
                self.bad_statuses.append(status)
                continue
            kind = answer.get("status")
            if kind == "allocated":
                self.allocated[identifier] = answer["arm"]
            elif kind == "ineligible":
                self.ineligible.append(identifier)
            elif kind == "already_enrolled" and retried:
                _, found, _ = self.call("/api/look-up", {"identifier": identifier})
                self.allocated[identifier] = found.get("arm")
                self.recovered.append(identifier)
            else:
                self.bad_statuses.append(f"unexpected {kind}")


def pseudonymiser(key_file):
    secret = bytes.fromhex(open(key_file).read().strip())
    key = hmac.new(secret, b"PreventKit pseudonym v1", hashlib.sha256).digest()
    return lambda identifier: hmac.new(key, identifier.encode(), hashlib.sha256).hexdigest()


def main():
    root = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--prevent", default=os.path.join(root, ".build", "release", "prevent"))
    parser.add_argument("--study", default=os.path.join(root, "Studies", "jigsaw-demo", "study.yaml"))
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--restart", action="store_true", help="SIGKILL the service half-way and start it again")
    parser.add_argument("--folder", help="where to create the register (default: a temporary folder; use a disk, not tmpfs)")
    parser.add_argument("--db", help="a PostgreSQL URL for the register (an empty database; default: SQLite in --folder)")
    parser.add_argument("--results", help="append `service preventkit SECONDS_PER_1000` to this file")
    arguments = parser.parse_args()

    folder = None
    if arguments.folder:
        os.makedirs(arguments.folder, exist_ok=True)
        folder = os.path.join(arguments.folder, f"service-load-{os.getpid()}-{int(time.time())}")
        os.makedirs(folder)
    service = Service(arguments.prevent, arguments.study, folder=folder, database_url=arguments.db)
    password_file = os.path.join(service.folder, "password")
    for index in range(arguments.clients):
        service.add_user(f"officer{index:02d}", "enroller", password_file)
    service.start()
    port = service.port
    outage = threading.Event()
    start = time.time()
    deadline = start + arguments.seconds
    clients = [Client(index, port, deadline, outage) for index in range(arguments.clients)]
    for client in clients:
        client.start()
    restarts = 0
    if arguments.restart:
        time.sleep(arguments.seconds / 2)
        outage.set()
        service.kill()
        service.start(port=port)
        restarts = 1
        time.sleep(2)
        outage.clear()
    for client in clients:
        client.join()
    elapsed = time.time() - start
    service.stop()

    failures = []
    allocated = {identifier: arm for client in clients for identifier, arm in client.allocated.items()}
    ineligible = [identifier for client in clients for identifier in client.ineligible]
    recovered = sum(len(client.recovered) for client in clients)
    requests = sum(client.requests for client in clients)
    transport = sum(client.transport_errors for client in clients)
    bad = [status for client in clients for status in client.bad_statuses]
    if transport:
        failures.append(f"{transport} requests failed outside the restart")
    if bad:
        failures.append(f"{len(bad)} requests answered with an error: {sorted(set(map(str, bad)))[:5]}")

    export_path = os.path.join(service.folder, "export.csv")
    run(arguments.prevent, "register", "export", *service.location, "--out", export_path, "--quiet")
    with open(export_path) as handle:
        rows = list(csv.DictReader(handle))
    exported = {}
    for row in rows:
        if row["id"] in exported:
            failures.append(f"pseudonym {row['id'][:12]}... is allocated twice")
        exported[row["id"]] = row["arm"]
    pseudonym = pseudonymiser(service.key_file)
    expected = {pseudonym(identifier): arm for identifier, arm in allocated.items()}
    lost = [p for p in expected if p not in exported]
    wrong = [p for p in expected if p in exported and exported[p] != expected[p]]
    unexplained = [p for p in exported if p not in expected]
    wrongly_allocated = [i for i in ineligible if pseudonym(i) in exported]
    for count, what in [(len(lost), "allocations answered but not in the register"),
                        (len(wrong), "allocations whose arm differs from the answer"),
                        (len(unexplained), "allocations in the register that no client was told of"),
                        (len(wrongly_allocated), "ineligible people allocated")]:
        if count:
            failures.append(f"{count} {what}")
    try:
        verification = service.verify_audit().strip().splitlines()[0]
    except RuntimeError as error:
        verification = ""
        failures.append(f"audit verify failed: {error}")

    latencies = sorted(latency for client in clients for latency in client.latencies)
    rate = len(allocated) / elapsed
    print(f"{arguments.clients} enrollers for {elapsed:.1f} s{' with one SIGKILL and restart' if restarts else ''}: "
          f"{requests} requests, {len(allocated)} allocated ({recovered} recovered after the restart), "
          f"{len(ineligible)} ineligible")
    print(f"enrolments per second (each durably committed): {rate:.1f}")
    if latencies:
        print(f"latency: median {1000 * latencies[len(latencies) // 2]:.1f} ms, "
              f"95th percentile {1000 * latencies[int(len(latencies) * 0.95)]:.1f} ms")
    print(f"register: {len(rows)} allocations exported; {verification}")
    if arguments.results and not failures:
        with open(arguments.results, "a") as handle:
            handle.write(f"service preventkit {1000 / rate:.6f}\n")
    if failures:
        for failure in failures:
            print("FAILED " + failure, file=sys.stderr)
        print(f"register kept for inspection in {service.folder}", file=sys.stderr)
        return 1
    service.remove()
    print("every request answered; no allocation lost or duplicated; audit trail intact")
    return 0


if __name__ == "__main__":
    sys.exit(main())
