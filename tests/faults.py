"""Fault injection for ``aitheme run``: kill it, stop it, race it, feed it broken data, and count what went wrong.

1. ``kill -9`` at random moments: ``aitheme run <calls> --jobs 2 --out X`` in a subprocess, killed after a seeded
   random delay, again and again (every other run with ``--force``, so old reports are being replaced when the kill
   lands). After each kill: every report folder is checked against its manifest (all files from one run, none
   missing or changed, metrics.json naming the same key), and no worker outlives its parent.
2. SIGHUP or SIGTERM at a random moment: exit code 130, one line, no worker left, no temporary folder left.
3. Two runs on one folder: the second is refused in one line naming the first one's pid.
4. A last run completes: every report is there and complete, nothing temporary is left.
5. Each corrupt shape of a cache file, end to end through ``aitheme run``: one line naming the file, exit 2.
6. Markup in a researcher's call (title, claim, rule): every page escapes it; names that climb out of the output
   folder (``../../evil``) are refused in one line or listed as broken.

Every case counts the tracebacks printed (must be 0) and the mixed or half-written reports seen (must be 0).
Run ``python tests/faults.py --kills 20`` for a longer campaign; ``tests/test_faults.py`` runs a short one.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

NAMES = ("top_picks", "aiq_etf", "nvda_note")
MAX_DELAY = 6.0  # seconds: most of a cold run of NAMES on two workers here, so kills land at every stage of it


@dataclass
class Tally:
    cases: int = 0
    tracebacks: int = 0
    mixed_or_half: int = 0
    orphans: int = 0
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"fault injection: {self.cases} cases, {self.tracebacks} tracebacks, {self.mixed_or_half} mixed or "
            f"half-written reports, {self.orphans} orphaned workers"
        )


def command(out: Path, *extra: str, names=NAMES) -> list[str]:
    base = [sys.executable, "-m", "aitheme", "run", *names, "--no-tearsheet", "-q", "--jobs", "2", "--out", str(out)]
    return base + list(extra)


def environment() -> dict[str, str]:
    return {**os.environ, "MPLBACKEND": "Agg", "AITHEME_OFFLINE": "1"}


def children_of(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (read from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def survivors(pids: list[int], wait: float = 10.0) -> list[int]:
    """Those of ``pids`` still running after ``wait`` seconds."""
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        left = [p for p in pids if alive(p)]
        if not left:
            return []
        time.sleep(0.1)
    return [p for p in pids if alive(p)]


def broken_reports(out: Path) -> list[str]:
    """Report folders (not the temporary ones a kill leaves) that are not complete reports of one run."""
    from aitheme.reports import folders

    complete, skipped = folders.scan(out, deep=True)
    return [f"{s.name}: {s.why}" for s in skipped if not s.name.startswith(".")]


def _count(tally: Tally, out: Path, stderr: str, what: str) -> None:
    tally.cases += 1
    if "Traceback" in stderr:
        tally.tracebacks += 1
        tally.notes.append(f"{what}: traceback: {stderr[-400:]}")
    broken = broken_reports(out)
    tally.mixed_or_half += len(broken)
    tally.notes += [f"{what}: {b}" for b in broken]


def interrupt(tally: Tally, out: Path, delay: float, signum: int, force: bool, race: bool = False) -> None:
    """One run, sent ``signum`` after ``delay`` seconds (unless it finished first), then checked. With ``race``, a
    second run on the same folder is started once the first holds it, and must be refused."""
    began = time.monotonic()
    proc = subprocess.Popen(
        command(out, *(["--force"] if force else [])),
        env=environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    if race:
        second_run(tally, out, proc)
    workers: list[int] = []
    try:
        proc.wait(max(0.0, delay - (time.monotonic() - began)))
    except subprocess.TimeoutExpired:
        workers = children_of(proc.pid)
        os.kill(proc.pid, signum)
    _, stderr = proc.communicate()
    left = survivors(workers)
    tally.orphans += len(left)
    what = f"{signal.Signals(signum).name} after {delay:.1f}s"
    if left:
        tally.notes.append(f"{what}: workers {left} outlived their parent")
    stopped = signum in (signal.SIGTERM, signal.SIGHUP)
    if stopped and proc.returncode not in (0, 130):
        tally.notes.append(f"{what}: exit code {proc.returncode}")
        tally.mixed_or_half += 1
    if stopped and proc.returncode == 130:
        from aitheme.reports import folders

        if folders.leftovers(out):  # a stopped run cleans up after its workers
            tally.notes.append(f"{what}: temporary folders left: {folders.leftovers(out)}")
            tally.mixed_or_half += 1
    _count(tally, out, stderr, what)


def second_run(tally: Tally, out: Path, first: subprocess.Popen) -> None:
    """A second run while ``first`` holds the folder: refused in one line naming the first one's pid."""
    lock = out / ".aitheme.lock"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not (lock.exists() and lock.read_text().strip() == str(first.pid)):
        time.sleep(0.02)
    second = subprocess.run(command(out), env=environment(), capture_output=True, text=True)
    refused = second.returncode == 2 and second.stderr.count("\n") == 1 and f"pid {first.pid}" in second.stderr
    if not refused and first.poll() is None:
        tally.notes.append(f"race: second exit {second.returncode}: {second.stderr!r}")
        tally.mixed_or_half += 1
    _count(tally, out, second.stderr, "a second run on the same folder")


def complete(tally: Tally, out: Path) -> None:
    """A last run to the end: every report there and whole, nothing temporary left."""
    from aitheme.reports import folders

    done = subprocess.run(command(out), env=environment(), capture_output=True, text=True)
    complete_folders, _ = folders.scan(out, deep=True)
    if done.returncode != 0 or sorted(p.name for p in complete_folders) != sorted(NAMES) or folders.leftovers(out):
        tally.notes.append(f"final run: exit {done.returncode}, {done.stderr[-300:]!r}")
        tally.mixed_or_half += 1
    _count(tally, out, done.stderr, "final run")


# --- Broken inputs: corrupt cache files, markup and path traversal in names --------------------------------
# These run in this process (``aitheme.cli.main.main``): no interpreter start per case.


@dataclass
class Done:
    returncode: int
    stdout: str
    stderr: str


def in_process(argv: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> Done:
    """``aitheme argv`` run here, with ``env`` set and ``cwd`` as the folder, its output captured."""
    import contextlib
    import io

    from aitheme.cli.main import main
    from aitheme.strategies import catalog

    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    out, err = io.StringIO(), io.StringIO()
    try:
        os.environ.update(env or {})
        if cwd is not None:
            os.chdir(cwd)
        catalog.refresh()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
        catalog.refresh()
    return Done(code, out.getvalue(), err.getvalue())


def _parquet(frame, meta: bytes | None) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(frame, preserve_index=False)
    if meta is not None:
        table = table.replace_schema_metadata({**(table.schema.metadata or {}), b"aitheme": meta})
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    return sink.getvalue().to_pybytes()


def corrupt_caches() -> dict[str, object]:
    """Shapes a cache file may have on disk, each for NVDA: bytes to write, or a callable making the path."""
    import numpy as np

    from aitheme.data.snapshot import snapshot_frames

    frame = snapshot_frames()["NVDA"].tail(60).reset_index(drop=True)
    meta = b'{"ticker": "NVDA", "source": "yahoo", "fetched_at": "2026-01-01"}'
    good = _parquet(frame, meta)
    duplicated = frame.iloc[list(range(len(frame))) + [5]].reset_index(drop=True)
    return {
        "not parquet": b"this is not a parquet file",
        "empty file": b"",
        "truncated": good[: len(good) // 2],
        "no metadata": _parquet(frame, None),
        "metadata of another ticker": _parquet(frame, meta.replace(b"NVDA", b"MSFT")),
        "all closes empty": _parquet(frame.assign(close=np.nan, adj_close=np.nan), meta),
        "duplicated dates": _parquet(duplicated, meta),
        "negative price": _parquet(frame.assign(close=-frame["close"]), meta),
        "a folder in its place": lambda path: path.mkdir(parents=True),
    }


def cache_cases(tally: Tally, out: Path, root: Path) -> None:
    """``aitheme run nvda_note`` on each corrupt NVDA cache file: one line naming the file, exit 2."""
    for shape, content in corrupt_caches().items():
        cache_dir = root / shape.replace(" ", "_")
        path = cache_dir / "prices" / "NVDA.parquet"
        path.parent.mkdir(parents=True, exist_ok=True)
        if callable(content):
            content(path)
        else:
            path.write_bytes(content)
        done = in_process(command(out, names=("nvda_note",))[3:], {"AITHEME_CACHE_DIR": str(cache_dir)})
        if done.returncode != 2 or done.stderr.count("\n") != 1 or "NVDA" not in done.stderr:
            tally.notes.append(f"cache {shape}: exit {done.returncode}: {done.stderr[-300:]!r}")
            tally.mixed_or_half += 1
        _count(tally, out, done.stderr, f"cache {shape}")


HOSTILE = "<script>alert(1)</script><b>x</b>"
MARKUP_CALL = """
import dataclasses
from aitheme.strategies import top_picks as project

evil = dataclasses.replace(
    project.top_picks, name="evil", title="HOSTILE", claim="HOSTILE", quote="HOSTILE", rule_text="HOSTILE",
    variants=(), yardstick=None,
)
""".replace("HOSTILE", HOSTILE)
TRAVERSAL_CALL = MARKUP_CALL.replace('name="evil"', 'name="../../evil"').replace("evil =", "escape =")


def markup_cases(tally: Tally, out: Path, workspace: Path) -> None:
    """A researcher's call with markup in its title, claim and rule: every page escapes it; names that try to
    leave the output folder are refused in one line (a call file declaring one is listed as broken)."""
    calls = workspace / "strategies"
    calls.mkdir(parents=True, exist_ok=True)
    (calls / "evil.py").write_text(MARKUP_CALL)
    (calls / "escape.py").write_text(TRAVERSAL_CALL)
    done = in_process(["run", "evil", "-q", "--out", str(out)], cwd=workspace)
    pages = [out / "index.html", out / "evil" / "tearsheet.html", out / "data_status.html"]
    raw = [str(p.relative_to(out)) for p in pages if not p.is_file() or "<script>alert" in p.read_text()]
    if done.returncode != 0 or raw:
        tally.notes.append(f"markup: exit {done.returncode}, unescaped or missing in {raw}: {done.stderr[-300:]!r}")
        tally.mixed_or_half += 1
    _count(tally, out, done.stderr, "markup in a title")
    listing = in_process(["list"], cwd=workspace)
    if not any(line.startswith("(broken)") and "escape.py" in line for line in listing.stdout.splitlines()):
        tally.notes.append(f"traversal: a call named ../../evil was not listed as broken: {listing.stdout[-300:]!r}")
        tally.mixed_or_half += 1
    _count(tally, out, listing.stderr, "a call file naming ../../evil")
    for argv in (["../../etc"], ["top_picks", "-p", "../x=1"], ["top_picks/../../x"]):
        done = in_process(["run", *argv, "--out", str(out)])
        if done.returncode != 2 or done.stderr.count("\n") != 1:
            tally.notes.append(f"traversal {argv}: exit {done.returncode}: {done.stderr[-300:]!r}")
            tally.mixed_or_half += 1
        _count(tally, out, done.stderr, f"traversal {argv}")
    if any(p.name in ("etc", "x", "evil") for p in out.parent.iterdir() if p != out):
        tally.notes.append("traversal: something was written outside the output folder")
        tally.mixed_or_half += 1


def campaign(out: Path, kills: int, terms: int, seed: int = 0) -> Tally:
    rng = random.Random(seed)
    tally = Tally()
    for i in range(kills):  # the first run is also raced by a second one on the same folder
        interrupt(tally, out, rng.uniform(0.2, MAX_DELAY), signal.SIGKILL, force=i % 2 == 1, race=i == 0)
    for i in range(terms):  # SIGHUP (a closed terminal) first, then SIGTERM, in turn
        signum = signal.SIGHUP if i % 2 == 0 else signal.SIGTERM
        interrupt(tally, out, rng.uniform(2.0, MAX_DELAY), signum, force=True)
    complete(tally, out)
    return tally


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--terms", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        os.environ.setdefault("AITHEME_CACHE_DIR", str(root / "cache"))
        tally = campaign(root / "out", args.kills, args.terms, args.seed)
        cache_cases(tally, root / "out", root / "caches")
        markup_cases(tally, root / "markup" / "out", root / "markup")
    print(tally.line())
    for note in tally.notes:
        print(f"  {note}")
    return 0 if not (tally.tracebacks or tally.mixed_or_half or tally.orphans) else 1


if __name__ == "__main__":
    sys.exit(main())
