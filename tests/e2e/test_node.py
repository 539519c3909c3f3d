#!/usr/bin/env python3
"""End-to-end test of the switchboard binary.

Starts `switchboard run` with a private data directory (embedded PostgreSQL),
calls every monitoring endpoint over real HTTP, checks the error contract,
stops the node with SIGTERM and with POST /shutdown, and checks that the
embedded PostgreSQL stopped with it. The node runs its simulators in-process
(on ephemeral ports here, so that nodes never collide): its demo accounts are
polled and notification jobs are delivered to them. `switchboard sim` runs
standalone too. Waits poll for a condition with a deadline; nothing sleeps a
fixed time.

Usage: test_node.py PATH_TO_SWITCHBOARD
"""

import json
import os
import re
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

BINARY = sys.argv[1]
CHECKS = {"passed": 0, "failed": 0}
SIM_PLATFORMS = ["twitter", "linkedin", "fcm", "smseagle"]
EPHEMERAL_SIMULATORS = {f"SWITCHBOARD_SIMULATORS__{p.upper()}_PORT": "0"
                        for p in SIM_PLATFORMS}


def check(cond, what):
    if cond:
        CHECKS["passed"] += 1
    else:
        CHECKS["failed"] += 1
        print(f"FAIL: {what}", flush=True)


def wait_for(pred, what, deadline_s=90.0, step_s=0.05):
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        value = pred()
        if value:
            return value
        threading.Event().wait(step_s)  # a poll interval, not a fixed wait for a result
    raise AssertionError(f"timed out waiting for {what}")


class Node:
    """A switchboard process whose stdout is collected in the background."""

    # Every node started, so that a test that fails half-way leaves none
    # running (main() kills what is still alive).
    started = []

    def __init__(self, root, extra_env=None, args=(), command="run"):
        self.root = root
        env = dict(os.environ)
        env.update({
            "SWITCHBOARD_DATA_DIR": os.path.join(root, "var"),
            "SWITCHBOARD_LOG__DIR": os.path.join(root, "logs"),
            "SWITCHBOARD_HTTP__PORT": "0",
            "SWITCHBOARD_INSPECT__PORT": "0",
            "SWITCHBOARD_NODE__ID": "e2e-node",
            # Demo accounts poll every 2 s instead of 15 s.
            "SWITCHBOARD_POLLING__DEFAULT_INTERVAL_MS": "2000",
        })
        env.update(EPHEMERAL_SIMULATORS)
        env.update(extra_env or {})
        self.proc = subprocess.Popen([BINARY, command, *args], env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     text=True)
        Node.started.append(self.proc)
        self.simulators = env.get("SWITCHBOARD_SIMULATORS__ENABLED", "true") == "true"
        self.lines = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))

    def output(self):
        return "\n".join(self.lines)

    def _find(self, pattern, what):
        def found():
            for line in list(self.lines):
                m = re.search(pattern, line)
                if m:
                    return m
            if self.proc.poll() is not None:
                raise AssertionError(f"exited before {what}:\n" + self.output())
            return None
        return wait_for(found, what)

    def sim_url(self, platform):
        """The base URL a node logs for one of its in-process simulators."""
        pattern = rf"simulators: {platform} at (http://[0-9.]+:\d+)"
        return self._find(pattern, f"the {platform} simulator").group(1)

    def port(self):
        # The simulators' listeners log the same line first: skip theirs.
        sim_ports = set()
        if self.simulators:
            for p in SIM_PLATFORMS:
                sim_ports.add(int(self.sim_url(p).rsplit(":", 1)[1]))
        def found():
            for line in list(self.lines):
                m = re.search(r"http: listening on [0-9.]+:(\d+)", line)
                if m and int(m.group(1)) not in sim_ports:
                    return int(m.group(1))
            if self.proc.poll() is not None:
                raise AssertionError("node exited early:\n" + self.output())
            return None
        return wait_for(found, "the HTTP listener")

    def wait_exit(self, deadline_s=60.0):
        return wait_for(lambda: self.proc.poll() is not None and (self.proc.returncode,),
                        "the node to exit", deadline_s)[0]


def request(port, method, path, body=None, token=None, headers=None):
    base = port if isinstance(port, str) else f"http://127.0.0.1:{port}"
    req = urllib.request.Request(f"{base}{path}", method=method, data=body)
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, resp.headers, resp.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read().decode()


def is_json_error(body, code=None):
    try:
        doc = json.loads(body)
    except ValueError:
        return False
    err = doc.get("error", {})
    ok = isinstance(err.get("code"), str) and isinstance(err.get("message"), str)
    return ok and (code is None or err["code"] == code)


def get_json(base, path, token=None):
    status, _, body = request(base, "GET", path, token=token)
    try:
        return status, json.loads(body)
    except ValueError:
        return status, None


def finished_job(port, token, job_id, deadline_s=60.0):
    """The job once it is completed, failed or dead."""
    def done():
        _, doc = get_json(port, f"/api/jobs/{job_id}", token)
        return doc if doc and doc.get("state") in ("completed", "failed", "dead") else None
    return wait_for(done, f"job {job_id} to finish", deadline_s)


def enqueue(port, token, queue, job):
    status, _, body = request(port, "POST", f"/api/queues/{queue}/jobs",
                              body=json.dumps(job).encode(), token=token,
                              headers={"Content-Type": "application/json"})
    doc = json.loads(body) if status == 201 else {}
    check(status == 201 and doc.get("id"), f"enqueue {job['kind']}: 201 (got {status} {body})")
    return doc.get("id")


def port_open(url):
    host, port = url.split("//", 1)[1].rsplit(":", 1)
    try:
        with socket.create_connection((host, int(port)), timeout=2):
            return True
    except OSError:
        return False


DEMO_ACCOUNTS = {"demo-twitter-1", "demo-twitter-2", "demo-linkedin-1", "demo-linkedin-2"}


def test_in_process_simulators(node, port, token):
    """`run` serves the simulators itself: its demo accounts are polled
    against them, and notification jobs are delivered to them."""
    urls = {p: node.sim_url(p) for p in SIM_PLATFORMS}
    for p, url in urls.items():
        status, doc = get_json(url, "/_sim/stats")
        check(status == 200 and doc and doc.get("platform") == p,
              f"the {p} simulator answers /_sim/stats")
    check("notifications: push (FCM) and SMS (SMSEagle) go to the simulators" in node.output(),
          "the log says where notifications go")

    def demo_ids():
        _, doc = get_json(port, "/api/accounts?limit=100", token)
        ids = {a["id"] for a in (doc or {}).get("items", [])}
        return ids if DEMO_ACCOUNTS <= ids else None
    check(wait_for(demo_ids, "the demo accounts", 30) == DEMO_ACCOUNTS,
          "a fresh node connects exactly the demo accounts")

    def polled():
        _, doc = get_json(port, "/api/polling/stats", token)
        platforms = (doc or {}).get("platforms", {})
        both = all(platforms.get(p, {}).get("polls", 0) >= 1 for p in ("twitter", "linkedin"))
        return doc if both and doc.get("completed", 0) >= 2 else None
    stats = wait_for(polled, "completed polls of both platforms", 60)
    check(stats["failed"] == 0, f"demo polls do not fail ({stats})")
    _, sim = get_json(urls["twitter"], "/_sim/stats")
    demo_users = {"1000000001", "1000000002"}
    check(sim["requests"] >= 1 and demo_users & set(sim["accounts"]),
          f"the Twitter/X simulator served the demo accounts' polls ({sim['accounts']})")
    _, sim = get_json(urls["linkedin"], "/_sim/stats")
    check(sim["requests"] >= 1, "the LinkedIn simulator served polls")

    push = enqueue(port, token, "notification", {"kind": "push", "payload": {
        "userId": "u-e2e", "title": "Hello", "body": "from e2e", "fcmToken": "e2e-device-1"}})
    sms = enqueue(port, token, "notification", {"kind": "sms", "payload": {
        "userId": "u-e2e", "body": "code 123456", "phoneNumber": "+48123456789"}})
    if push:
        job = finished_job(port, token, push)
        result = job.get("result") or {}
        check(job["state"] == "completed", f"the push job completes ({job.get('last_error')})")
        check(str(result.get("provider_message_id", "")).startswith(
            "projects/switchboard-sim/messages/"), "FCM's message name is the provider id")
        _, doc = get_json(urls["fcm"], "/_sim/messages")
        check(any(m["target"] == "e2e-device-1" for m in doc["items"]),
              "the FCM simulator accepted the push")
    if sms:
        job = finished_job(port, token, sms)
        check(job["state"] == "completed", f"the SMS job completes ({job.get('last_error')})")
        _, doc = get_json(urls["smseagle"], "/_sim/messages")
        check(any(m["number"] == "+48123456789" for m in doc["items"]),
              "the SMSEagle simulator accepted the SMS")

    # Removed by the user, a demo account stays removed across restarts.
    status, _, _ = request(port, "DELETE", "/api/accounts/demo-linkedin-2", token=token)
    check(status == 200, "a demo account can be disconnected")
    return urls


def postgres_running(data_dir):
    """True while a postmaster of this data directory is alive."""
    for pidfile in [os.path.join(data_dir, "pg", "postmaster.pid")]:
        if os.path.exists(pidfile):
            with open(pidfile) as f:
                pid = int(f.readline().strip() or 0)
            try:
                os.kill(pid, 0)
                return True
            except OSError:
                return False
    # The cluster may live elsewhere when postgres cannot reach data_dir;
    # fall back to looking for any postmaster whose command line names it.
    out = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    return any("postgres" in l and data_dir in l for l in out.splitlines())


def test_monitoring_and_sigterm(root):
    node = Node(root)
    port = node.port()
    wait_for(lambda: request(port, "GET", "/health")[0] == 200, "health 200")

    status, headers, body = request(port, "GET", "/health")
    doc = json.loads(body)
    check(status == 200 and doc["status"] == "ok", "/health is ok")
    check(doc["node_id"] == "e2e-node", "/health names the node")
    check(doc["database"]["reachable"] is True, "/health: database reachable")
    check(isinstance(doc["database"]["latency_ms"], (int, float)), "/health: latency")
    check(isinstance(doc["uptime_ms"], int) and doc["uptime_ms"] >= 0, "/health: uptime")
    check(isinstance(doc["version"], str) and doc["version"], "/health: version")

    token_file = os.path.join(root, "var", "admin_token")
    check(os.path.exists(token_file), "admin token generated")
    mode = stat.S_IMODE(os.stat(token_file).st_mode)
    check(mode == 0o600, f"admin token mode 0600 (got {oct(mode)})")
    token = open(token_file).read().strip()
    check(len(token) >= 32, "admin token is long")
    check(token not in node.output(), "the token is never logged")

    status, headers, body = request(port, "GET", "/metrics")
    check(status == 200, "/metrics 200")
    check(headers.get("Content-Type", "").startswith("text/plain"), "/metrics is text")
    for series in ["process_cpu_seconds_total", "process_resident_memory_bytes",
                   "switchboard_actors", "switchboard_db_pool_connections",
                   "switchboard_db_pool_waiting", "switchboard_db_reconnects_total",
                   "switchboard_http_requests_total",
                   "switchboard_http_request_duration_seconds_bucket",
                   "switchboard_supervisor_restarts_total"]:
        check(series in body, f"/metrics has {series}")

    status, _, body = request(port, "GET", "/metrics/system")
    check(status == 401 and is_json_error(body), "/metrics/system needs the token")
    status, _, body = request(port, "GET", "/metrics/system", token=token)
    doc = json.loads(body)
    check(status == 200 and {"cpu", "memory", "process"} <= set(doc), "/metrics/system shape")

    status, _, body = request(port, "GET", "/metrics/queues", token=token)
    queues = json.loads(body).get("queues") if status == 200 else None
    check(isinstance(queues, list), "/metrics/queues: a list of queues")

    status, _, body = request(port, "GET", "/api/actors")
    check(status == 401 and is_json_error(body), "/api/actors needs the token")
    status, _, body = request(port, "GET", "/api/actors", token=token)
    tree = json.loads(body)
    names = {c["name"]: c for c in tree.get("children", [])}
    check(status == 200 and tree.get("name") == "node_supervisor", "/api/actors: the root")
    check(names.get("database", {}).get("state") == "running", "/api/actors: the database")
    for sup in ["polling_supervisor", "scheduled_supervisor", "recurring_supervisor",
                "sms_supervisor", "queue_supervisor"]:
        child = names.get(sup, {})
        check(child.get("kind") == "supervisor" and isinstance(child.get("children"), list),
              f"/api/actors: {sup} listed with its children")
    pools = {c["name"] for c in names.get("queue_supervisor", {}).get("children", [])}
    check({"pool-media", "pool-notification", "pool-cleanup"} <= pools,
          "/api/actors: a worker pool per configured queue")

    # A job through the binary: enqueued over HTTP, run by the cleanup pool's
    # built-in noop handler, completed in PostgreSQL.
    status, _, body = request(port, "POST", "/api/queues/cleanup/jobs",
                              body=json.dumps({"kind": "noop", "payload": {}}).encode(),
                              token=token)
    job = json.loads(body) if status == 201 else {}
    check(status == 201 and job.get("state") in ("waiting", "active", "completed"),
          "POST /api/queues/cleanup/jobs: 201 with the job")
    state = finished_job(port, token, job["id"])["state"] if job.get("id") else None
    check(state == "completed", "the enqueued noop job completes")

    status, _, body = request(port, "GET", "/no/such/route")
    check(status == 404 and is_json_error(body), "unknown path: 404 JSON")
    status, headers, body = request(port, "DELETE", "/health")
    check(status == 405 and is_json_error(body), "wrong method: 405 JSON")
    status, _, body = request(port, "POST", "/shutdown")
    check(status == 401 and is_json_error(body), "/shutdown without token: 401")
    status, _, body = request(port, "POST", "/shutdown", token="wrong")
    check(status == 401 and is_json_error(body), "/shutdown wrong token: 401")
    status, _, body = request(port, "POST", "/shutdown", body=b"x" * (2 * 1024 * 1024),
                              token=token)
    check(status == 413 and is_json_error(body), "oversized body: 413 JSON")

    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(b"\x16\x03\x01garbage that is not HTTP\r\n\r\n")
        reply = s.recv(4096).decode(errors="replace")
        check(reply.startswith("HTTP/1.1 400"), "garbage: 400")
    status, _, _ = request(port, "GET", "/health")
    check(status == 200, "server alive after garbage")

    sim_urls = test_in_process_simulators(node, port, token)
    test_external_database(root, node, port)

    node.proc.send_signal(signal.SIGTERM)
    code = node.wait_exit()
    check(code == 0, f"SIGTERM: exit 0 (got {code})")
    check("simulators stopped" in node.output(), "the simulators stop with the node")
    check(not any(port_open(u) for u in sim_urls.values()), "the simulator ports are closed")
    check(not postgres_running(os.path.join(root, "var")), "PostgreSQL stopped after SIGTERM")
    logs = os.path.join(root, "logs")
    check(os.path.exists(os.path.join(logs, "combined.log")), "combined.log written")
    check(os.path.exists(os.path.join(logs, "error.log")), "error.log written")
    check(token not in open(os.path.join(logs, "combined.log")).read(), "token not in logs")
    return token


def test_external_database(root, embedded, embedded_port):
    """A second node given database.url uses that server and starts none."""
    m = re.search(r"embedded PostgreSQL running on (\S+)", embedded.output())
    check(m is not None, "the embedded server logs its socket directory")
    if not m:
        return
    other_root = os.path.join(root, "external")
    os.makedirs(other_root)
    url = f"host={m.group(1)} port=5432 dbname=switchboard user=switchboard"
    other = Node(other_root, extra_env={"SWITCHBOARD_DATABASE__URL": url,
                                        "SWITCHBOARD_NODE__ID": "e2e-external"})
    port = other.port()
    wait_for(lambda: request(port, "GET", "/health")[0] == 200, "external node healthy")
    doc = json.loads(request(port, "GET", "/health")[2])
    check(doc["node_id"] == "e2e-external" and doc["database"]["reachable"],
          "external node reaches the database")
    check(not os.path.exists(os.path.join(other_root, "var", "pg")),
          "external node started no PostgreSQL")
    other.proc.send_signal(signal.SIGTERM)
    check(other.wait_exit() == 0, "external node: exit 0")
    check(request(embedded_port, "GET", "/health")[0] == 200,
          "the embedded node's database outlives the external node")


def test_restart_and_http_shutdown(root, token):
    node = Node(root)
    port = node.port()
    wait_for(lambda: request(port, "GET", "/health")[0] == 200, "health 200 after restart")
    check(open(os.path.join(root, "var", "admin_token")).read().strip() == token,
          "token reused across restarts")
    node._find(r"demo accounts: the node has accounts", "the demo account check")
    _, doc = get_json(port, "/api/accounts/demo-linkedin-2", token)
    check(doc and doc.get("status") == "disconnected",
          "a restart does not reconnect a removed demo account")
    status, _, body = request(port, "POST", "/shutdown", token=token)
    check(status == 202 and json.loads(body).get("status") == "shutting_down",
          "/shutdown: 202")
    code = node.wait_exit()
    check(code == 0, f"/shutdown: exit 0 (got {code})")
    check(not postgres_running(os.path.join(root, "var")), "PostgreSQL stopped after /shutdown")


def test_recovery_after_kill(root):
    """kill -9 leaves the embedded PostgreSQL running; the next start recovers."""
    node = Node(root)
    port = node.port()
    wait_for(lambda: request(port, "GET", "/health")[0] == 200, "health 200")
    node.proc.kill()
    node.wait_exit()
    data_dir = os.path.join(root, "var")
    check(postgres_running(data_dir), "the killed node left PostgreSQL running")
    node = Node(root)
    port = node.port()
    wait_for(lambda: request(port, "GET", "/health")[0] == 200, "health 200 after kill -9")
    check("left by a killed node" in node.output(), "the orphaned server was noticed")
    node.proc.send_signal(signal.SIGINT)
    check(node.wait_exit() == 0, "SIGINT: exit 0")
    check(not postgres_running(data_dir), "PostgreSQL stopped after SIGINT")


def test_port_taken(root):
    """A taken HTTP port fails start-up at once: exit 1, PostgreSQL stopped."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        other_root = os.path.join(root, "port-taken")
        os.makedirs(other_root)
        node = Node(other_root, extra_env={"SWITCHBOARD_HTTP__PORT": str(port)})
        code = node.wait_exit()
    check(code == 1, f"port taken: exit 1 (got {code})")
    check(str(port) in node.output() or "in use" in node.output(),
          "port taken: the error names the problem")
    check(not postgres_running(os.path.join(other_root, "var")),
          "port taken: PostgreSQL stopped")


def test_simulator_port_taken(root):
    """A taken simulator port fails start-up at once, before PostgreSQL starts,
    with an error that names the port and the way out."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        other_root = os.path.join(root, "sim-port-taken")
        os.makedirs(other_root)
        node = Node(other_root, extra_env={"SWITCHBOARD_SIMULATORS__FCM_PORT": str(port)})
        code = node.wait_exit()
    out = node.output()
    check(code == 1, f"simulator port taken: exit 1 (got {code})")
    check(f"fcm {port}" in out and "switchboard sim" in out and "simulators.enabled" in out,
          "simulator port taken: the error names the port and the way out")
    check("in use" in out, "simulator port taken: the error names the cause")
    check(not os.path.exists(os.path.join(other_root, "var", "pg")),
          "simulator port taken: no PostgreSQL was started")


def test_simulators_disabled(root):
    """simulators.enabled = false: no simulator, no demo account."""
    other_root = os.path.join(root, "no-sims")
    os.makedirs(other_root)
    node = Node(other_root, extra_env={"SWITCHBOARD_SIMULATORS__ENABLED": "false"})
    port = node.port()
    wait_for(lambda: request(port, "GET", "/health")[0] == 200, "health 200 without simulators")
    token = open(os.path.join(other_root, "var", "admin_token")).read().strip()
    _, doc = get_json(port, "/api/accounts", token)
    check(doc is not None and doc.get("items") == [], "no demo accounts without simulators")
    check("simulators:" not in node.output(), "no simulator started")
    node.proc.send_signal(signal.SIGTERM)
    check(node.wait_exit() == 0, "without simulators: exit 0")


def test_sim_command(root):
    """`switchboard sim` runs standalone; a second one on its ports fails
    with an error instead of a silent conflict."""
    for d in ("sim", "sim2"):
        os.makedirs(os.path.join(root, d))
    sim = Node(os.path.join(root, "sim"), command="sim")
    urls = {}
    for p in SIM_PLATFORMS:
        m = sim._find(rf"sim: {p} listening on ([0-9.]+:\d+)", f"sim: {p}")
        urls[p] = "http://" + m.group(1)
    for p, url in urls.items():
        status, doc = get_json(url, "/_sim/stats")
        check(status == 200 and doc and doc.get("platform") == p, f"sim: {p} answers")
    twitter_port = urls["twitter"].rsplit(":", 1)[1]
    second = Node(os.path.join(root, "sim2"), command="sim",
                  extra_env={"SWITCHBOARD_SIMULATORS__TWITTER_PORT": twitter_port})
    code = second.wait_exit()
    check(code == 1, f"sim on a taken port: exit 1 (got {code})")
    check(twitter_port in second.output() and "switchboard run" in second.output(),
          "sim on a taken port: the error names the port and `run`")
    sim.proc.send_signal(signal.SIGTERM)
    check(sim.wait_exit() == 0, "sim: SIGTERM exits 0")


def test_bad_config(root):
    env = dict(os.environ, SWITCHBOARD_HTTP__PORT="not-a-port",
               SWITCHBOARD_DATA_DIR=os.path.join(root, "bad"))
    res = subprocess.run([BINARY, "run"], env=env, capture_output=True, text=True, timeout=60)
    out = (res.stdout + res.stderr).strip().splitlines()
    check(res.returncode == 2, f"bad value: exit 2 (got {res.returncode})")
    check(any("http.port" in l for l in out), "bad value: the line names the key")

    cfg = os.path.join(root, "bad.toml")
    with open(cfg, "w") as f:
        f.write("[http]\nprot = 8080\n")
    res = subprocess.run([BINARY, "run", "--config", cfg], capture_output=True, text=True,
                         timeout=60)
    check(res.returncode == 2, f"unknown key: exit 2 (got {res.returncode})")
    check("http.prot" in res.stdout + res.stderr, "unknown key named")


def main():
    root = tempfile.mkdtemp(prefix="sb-e2e-")
    os.chmod(root, 0o755)  # the embedded PostgreSQL runs as `postgres` under root
    try:
        token = test_monitoring_and_sigterm(root)
        test_restart_and_http_shutdown(root, token)
        test_recovery_after_kill(root)
        test_port_taken(root)
        test_simulator_port_taken(root)
        test_simulators_disabled(root)
        test_sim_command(root)
        test_bad_config(root)
    finally:
        for proc in Node.started:
            if proc.poll() is None:
                # SIGTERM first: a node stops its embedded PostgreSQL.
                proc.terminate()
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        subprocess.run(["rm", "-rf", root])
    print(f"{CHECKS['passed']} passed, {CHECKS['failed']} failed")
    sys.exit(1 if CHECKS["failed"] else 0)


if __name__ == "__main__":
    main()
