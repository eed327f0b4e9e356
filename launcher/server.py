"""The local Neo4j: resolved from Maven Central, run as a plain Java process on 127.0.0.1.

No Docker engine is needed. `mvn dependency:copy-dependencies` copies the runtime classpath of
org.neo4j:neo4j (see launcher/neo4j/pom.xml) into a cache outside git; each *instance* ("dev" for
`make run`, "test" for `make test`) has its own home with conf/, data/ and logs/ under the state
directory, so the tests never touch the data `make run` uses.

An instance is bound to 127.0.0.1 on a free port chosen at first start and kept afterwards, has
authentication on with a generated password (set with AdminTool before the first start), HTTP off,
and a small heap and page cache.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
POM = Path(__file__).resolve().parent / "neo4j" / "pom.xml"

# The JVM flags Neo4j's own launcher passes (bin/neo4j → the bootloader), minus AlwaysPreTouch,
# which only slows a small local start.
JVM_FLAGS = [
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "-Dlog4j2.disable.jmx=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
]
MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"
ADMIN_CLASS = "org.neo4j.cli.AdminTool"


class ServerError(RuntimeError):
    """The local Neo4j could not be prepared, started or stopped; the message says why."""


def neo4j_version() -> str:
    text = POM.read_text(encoding="utf-8")
    start = text.index("<neo4j.version>") + len("<neo4j.version>")
    return text[start : text.index("</neo4j.version>")]


def cache_dir() -> Path:
    base = os.environ.get("THIRDLINK_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "thirdlink"
    )
    return Path(base) / f"neo4j-{neo4j_version()}"


def state_dir() -> Path:
    return Path(os.environ.get("THIRDLINK_STATE") or PROJECT_ROOT / ".thirdlink")


@dataclass(frozen=True)
class Instance:
    """One local Neo4j: its home, port and password live under the state directory."""

    name: str

    @property
    def home(self) -> Path:
        return state_dir() / "neo4j" / self.name

    @property
    def conf_dir(self) -> Path:
        return self.home / "conf"

    @property
    def info_file(self) -> Path:
        return self.home / "instance.json"

    @property
    def pid_file(self) -> Path:
        return self.home / "run" / "neo4j.pid"

    @property
    def console_log(self) -> Path:
        return self.home / "logs" / "console.log"

    def info(self) -> dict[str, object]:
        if not self.info_file.exists():
            return {}
        data: dict[str, object] = json.loads(self.info_file.read_text(encoding="utf-8"))
        return data

    @property
    def port(self) -> int | None:
        port = self.info().get("port")
        return int(port) if isinstance(port, int) else None

    @property
    def password(self) -> str | None:
        password = self.info().get("password")
        return password if isinstance(password, str) else None

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"


def _require(tool: str, why: str) -> str:
    path = shutil.which(tool)
    if path is None:
        raise ServerError(
            f"未找到 {tool}：{why}。/ `{tool}` was not found on PATH: {why}. "
            "Install it (Java 17+ and Maven 3.8+) or set NEO4J_URI to use another Neo4j."
        )
    return path


def java_executable() -> str:
    java_home = os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / "java").exists():
        return str(Path(java_home) / "bin" / "java")
    return _require("java", "Neo4j runs on Java 17 or newer")


def ensure_runtime(log: Callable[[str], None] = print) -> Path:
    """Resolve Neo4j's runtime jars into the cache (once) and return the lib directory."""
    lib = cache_dir() / "lib"
    marker = cache_dir() / "resolved"
    if marker.exists() and any(lib.glob("neo4j-server-*.jar")):
        return lib
    mvn = _require("mvn", "the project resolves Neo4j Community from Maven Central with it")
    log(f"Resolving Neo4j {neo4j_version()} from Maven Central into {lib} (first run only) …")
    lib.mkdir(parents=True, exist_ok=True)
    cmd = [
        mvn,
        "-B",
        "-q",
        "-f",
        str(POM),
        "dependency:copy-dependencies",
        "-DincludeScope=runtime",
        f"-DoutputDirectory={lib}",
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0 or not any(lib.glob("neo4j-server-*.jar")):
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-30:])
        raise ServerError(f"Maven could not resolve Neo4j {neo4j_version()}:\n{tail}")
    marker.write_text(neo4j_version(), encoding="utf-8")
    return lib


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _write_conf(instance: Instance, port: int) -> None:
    heap = os.environ.get("THIRDLINK_NEO4J_HEAP", "512m")
    pagecache = os.environ.get("THIRDLINK_NEO4J_PAGECACHE", "256m")
    instance.conf_dir.mkdir(parents=True, exist_ok=True)
    (instance.conf_dir / "neo4j.conf").write_text(
        "\n".join(
            [
                "# Written by `thirdlink db start`; edits are overwritten at the next start.",
                "server.default_listen_address=127.0.0.1",
                "server.default_advertised_address=127.0.0.1",
                f"server.bolt.listen_address=127.0.0.1:{port}",
                f"server.bolt.advertised_address=127.0.0.1:{port}",
                "server.http.enabled=false",
                "server.https.enabled=false",
                "dbms.security.auth_enabled=true",
                "dbms.usage_report.enabled=false",
                f"server.memory.heap.initial_size={heap}",
                f"server.memory.heap.max_size={heap}",
                f"server.memory.pagecache.size={pagecache}",
                "db.transaction.timeout=60s",
                "",
            ]
        ),
        encoding="utf-8",
    )


def _pid(instance: Instance) -> int | None:
    try:
        pid = int(instance.pid_file.read_text().strip())
    except (FileNotFoundError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        return pid
    # Guard against a recycled pid: the process must be this instance's Neo4j.
    cmdline = Path(f"/proc/{pid}/cmdline")
    if cmdline.exists():
        args = cmdline.read_bytes().decode(errors="replace")
        if MAIN_CLASS not in args or str(instance.home) not in args:
            return None
    return pid


def is_running(instance: Instance) -> bool:
    return _pid(instance) is not None


def bolt_answers(instance: Instance, timeout: float = 2.0) -> bool:
    """True when Bolt accepts our credentials (a TCP accept alone is not enough)."""
    from neo4j import GraphDatabase
    from neo4j.exceptions import AuthError, Neo4jError, ServiceUnavailable

    if instance.port is None or instance.password is None:
        return False
    try:
        with GraphDatabase.driver(
            instance.uri,
            auth=("neo4j", instance.password),
            connection_timeout=timeout,
            max_connection_lifetime=timeout * 10,
        ) as driver:
            driver.verify_connectivity()
        return True
    except (ServiceUnavailable, AuthError, Neo4jError, OSError):
        return False


def start(
    name: str = "dev", *, wait_seconds: float = 180.0, log: Callable[[str], None] = print
) -> Instance:
    """Start the named local instance if it is not running; return once Bolt answers."""
    instance = Instance(name)
    if is_running(instance) and bolt_answers(instance):
        log(f"Neo4j '{name}' is already running at {instance.uri}.")
        return instance
    java = java_executable()
    lib = ensure_runtime(log)
    for sub in ("data", "logs", "run", "plugins", "import"):
        (instance.home / sub).mkdir(parents=True, exist_ok=True)

    info = instance.info()
    port = info.get("port")
    if not isinstance(port, int) or _port_in_use(port):
        port = _free_port()
    first_start = not (instance.home / "data" / "dbms").exists()
    password = info.get("password")
    if not isinstance(password, str) or first_start:
        password = secrets.token_hex(16)  # no leading "-" for AdminTool
    _write_conf(instance, port)
    instance.info_file.write_text(
        json.dumps({"port": port, "password": password, "version": neo4j_version()}),
        encoding="utf-8",
    )
    instance.info_file.chmod(0o600)

    env = dict(os.environ, NEO4J_HOME=str(instance.home), NEO4J_CONF=str(instance.conf_dir))
    classpath = f"{lib}/*"
    if first_start:
        proc = subprocess.run(
            [java, "-cp", classpath, ADMIN_CLASS, "dbms", "set-initial-password", password],
            capture_output=True,
            text=True,
            env=env,
        )
        if proc.returncode != 0:
            raise ServerError(f"Could not set the initial password:\n{proc.stdout}{proc.stderr}")

    log(f"Starting Neo4j {neo4j_version()} '{name}' on 127.0.0.1:{port} …")
    # Detach through a shell (`… &`, then `echo $!`): the server outlives this process (Ctrl-C
    # on the API leaves the database running) and no child handle is left behind here.
    command = [
        java,
        *JVM_FLAGS,
        "-cp",
        classpath,
        MAIN_CLASS,
        f"--home-dir={instance.home}",
        f"--config-dir={instance.conf_dir}",
    ]
    launcher = subprocess.run(
        [
            "sh",
            "-c",
            'exec 0</dev/null; "$@" >>"$THIRDLINK_CONSOLE_LOG" 2>&1 & echo $!',
            "thirdlink-neo4j",
            *command,
        ],
        capture_output=True,
        text=True,
        env={**env, "THIRDLINK_CONSOLE_LOG": str(instance.console_log)},
        cwd=instance.home,
        start_new_session=True,
        check=True,
    )
    instance.pid_file.write_text(launcher.stdout.strip(), encoding="utf-8")

    deadline = time.monotonic() + wait_seconds
    while time.monotonic() < deadline:
        if _pid(instance) is None:
            raise ServerError(
                f"Neo4j '{name}' exited while starting. "
                f"Last lines of {instance.console_log} and logs/neo4j.log:\n{_log_tail(instance)}"
            )
        if bolt_answers(instance):
            return instance
        time.sleep(0.5)
    stop(name, log=lambda _: None)
    raise ServerError(
        f"Neo4j '{name}' did not answer on Bolt within {wait_seconds:.0f}s:\n{_log_tail(instance)}"
    )


def _log_tail(instance: Instance, lines: int = 25) -> str:
    out = []
    for path in (instance.console_log, instance.home / "logs" / "neo4j.log"):
        if path.exists():
            text = path.read_text(encoding="utf-8", errors="replace").splitlines()
            out.append(f"--- {path}\n" + "\n".join(text[-lines:]))
    return "\n".join(out)


def stop(name: str = "dev", *, timeout: float = 60.0, log: Callable[[str], None] = print) -> bool:
    """Stop the instance cleanly (SIGTERM, then SIGKILL after `timeout`). False if not running."""
    instance = Instance(name)
    pid = _pid(instance)
    if pid is None:
        log(f"Neo4j '{name}' is not running.")
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and _pid(instance) is not None:
        time.sleep(0.2)
    if _pid(instance) is not None:
        log(f"Neo4j '{name}' did not stop within {timeout:.0f}s; killing it.")
        os.kill(pid, signal.SIGKILL)
        while _pid(instance) is not None:
            time.sleep(0.1)
    instance.pid_file.unlink(missing_ok=True)
    log(f"Neo4j '{name}' stopped.")
    return True


def kill(name: str) -> None:
    """SIGKILL the instance, as a crash would (used by the fault tests)."""
    instance = Instance(name)
    pid = _pid(instance)
    if pid is not None:
        os.kill(pid, signal.SIGKILL)
        while _pid(instance) is not None:
            time.sleep(0.05)


def status(name: str = "dev") -> dict[str, object]:
    instance = Instance(name)
    pid = _pid(instance)
    return {
        "instance": name,
        "version": neo4j_version(),
        "running": pid is not None,
        "pid": pid,
        "uri": instance.uri if instance.port else None,
        "answers": pid is not None and bolt_answers(instance),
        "home": str(instance.home),
    }


if __name__ == "__main__":  # pragma: no cover - a convenience for debugging
    print(json.dumps(status(sys.argv[1] if len(sys.argv) > 1 else "dev"), indent=2))
