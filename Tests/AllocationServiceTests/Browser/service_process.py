"""Starts `prevent serve` on a fresh register for the browser and load tests."""

import os
import re
import shutil
import signal
import subprocess
import tempfile
import time

PASSWORD = "correct horse battery staple"
ACCOUNTS = {"officer": "enroller", "analyst": "researcher", "checker": "auditor", "chief": "admin"}


def run(prevent, *arguments, stdin=None):
    """Runs `prevent` and returns its standard output, failing loudly."""
    result = subprocess.run([prevent, *arguments], input=stdin, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"prevent {' '.join(arguments)} failed ({result.returncode}): {result.stderr.strip()}")
    return result.stdout


class Service:
    """A register, its accounts and `prevent serve` on a free loopback port."""

    def __init__(self, prevent, study, cost="4", folder=None, database_url=None):
        """A register in `folder` (SQLite), or in the empty PostgreSQL database at `database_url`
        with its key file and accounts in `folder`."""
        self.prevent = prevent
        self.study = study
        self.folder = folder or tempfile.mkdtemp(prefix="prevent-serve-")
        self.register = database_url or os.path.join(self.folder, "register.sqlite")
        self.key_file = os.path.join(self.folder, "register.key") if database_url else self.register + ".key"
        self.accounts = os.path.join(self.folder, "register.accounts")
        # Where the key file and the accounts are, for every command that opens the register.
        self.location = ["--db", self.register, "--key-file", self.key_file]
        self.process = None
        self.url = None
        run(prevent, "register", "init", "--study", study, *self.location)
        password_file = os.path.join(self.folder, "password")
        with open(password_file, "w") as handle:
            handle.write(PASSWORD + "\n")
        os.chmod(password_file, 0o600)
        for name, role in ACCOUNTS.items():
            self.add_user(name, role, password_file, cost)

    def add_user(self, name, role, password_file, cost="4"):
        run(self.prevent, "users", "add", name, "--role", role, *self.location, "--accounts", self.accounts,
            "--password-file", password_file, "--bcrypt-cost", cost, "--quiet")

    def start(self, port=0):
        """Starts the service and waits for its `Listening on` line."""
        self.process = subprocess.Popen(
            [self.prevent, "serve", "--study", self.study, *self.location, "--accounts", self.accounts, "--port", str(port),
             "--insecure-cookies", "--quiet"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.time() + 60
        while time.time() < deadline:
            line = self.process.stdout.readline()
            if not line:
                raise RuntimeError("prevent serve stopped: " + self.process.stderr.read())
            match = re.search(r"Listening on (http://[0-9.]+:(\d+)/)", line)
            if match:
                self.url = match.group(1).rstrip("/")
                self.port = int(match.group(2))
                return self
        raise RuntimeError("prevent serve did not start within 60 seconds")

    def kill(self):
        """Stops the service at once (SIGKILL), as a crash would."""
        if self.process:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()
            self.process = None

    def stop(self):
        """Stops the service gracefully (SIGTERM)."""
        if self.process:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
            self.process = None

    def verify_audit(self):
        """`prevent audit verify` with the study: the output, or an exception if not intact."""
        return run(self.prevent, "audit", "verify", *self.location, "--study", self.study)

    def remove(self):
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)
