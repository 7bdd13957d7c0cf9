"""Many files at once: in this process, in a pool of worker processes, or as Dask tasks.

Every way runs the same :func:`analyse_unit` on the same :class:`Job`, so the reports are
identical whichever is used; only where the work happens changes.

* **Units of work.** A file that holds several sessions (a CSV of transcripts, a ConvoKit corpus)
  is read here and each session sent on its own, so one big file still keeps every worker busy.
  Recordings (transcribed by the worker), and files read with process notes or a video, go whole.
  Files are read as the workers need more work (at most four units a worker waiting), so a corpus
  is never all in memory at once.
* **In this process** (``workers=1``): the caller's own service.
* **A process pool** (``workers=N``): ``N`` fresh processes (started with ``spawn``, so nothing of
  the parent's onnxruntime state is shared), each with its own service and models, and the cores
  shared out between them (``environment.child_threads``), so ``N`` workers do not oversubscribe
  the machine. A worker that dies (killed, out of memory) breaks the pool; the units that had not
  come back go to a new pool, and the ones that were in flight count a try; a unit tried
  :data:`TRIES` times is reported as a failure. Nothing is lost and nothing is returned twice.
* **Dask** (``dask="local"`` for a ``LocalCluster`` of ``workers`` processes on this machine, or a
  scheduler's address): one task per unit, rescheduled by Dask when its worker dies and retried
  when it fails. Workers must have attunement installed and see the files at the same paths.

Results come back per file, in input order, as an iterator, so the caller can save each as soon as
it arrives; ``progress(files_done, files_total, sessions_done)`` is called as units finish.
"""

from __future__ import annotations

import dataclasses
import logging
import multiprocessing
import os
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from . import environment
from .errors import AttunementError
from .model import Analysis, Session
from .readers import ReadOptions
from .readers.recording import is_recording
from .service import Service
from .settings import Settings

__all__ = ["Job", "Outcome", "analyse_unit", "run", "threads_each", "TRIES"]

#: How many times a unit is tried when the worker analysing it dies.
TRIES = 3
#: Units waiting per worker: enough to keep it busy, few enough that a corpus is not all read at once.
_AHEAD = 4

Progress = Callable[[int, int, int], None]


@dataclass(frozen=True)
class Job:
    """How to analyse each file of a run: the same for every worker."""

    settings: Settings
    options: ReadOptions
    deidentify: bool = False
    setting: str | None = None
    notes: str | None = None
    skip: frozenset[str] = field(default_factory=frozenset)  # session ids already done (``--resume``)


@dataclass(frozen=True)
class Outcome:
    """What became of one file (or one unit of it): its analyses, or why it could not be analysed."""

    path: str
    analyses: tuple[Analysis, ...] = ()
    failure: str | None = None


@dataclass(frozen=True)
class Unit:
    """One piece of work: a file read by the worker, or one session of a file read here."""

    number: int  # its place in the run
    file: int  # which file it belongs to
    path: str
    session: Session | None = None
    parts: int = 1  # units of this file
    failure: str | None = None  # the file could not be read here: its outcome, nothing to analyse


def analyse_unit(service: Service, unit: Unit, job: Job) -> Outcome:
    """Analyse one unit; a user's mistake (a bad file) becomes the outcome's failure, not an exception."""
    if unit.failure:  # the file could not be read: nothing to analyse
        return Outcome(unit.path, failure=unit.failure)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # they travel on each session into its analysis
            if unit.session is None:
                sessions = service.ingest(unit.path, options=job.options, notes=job.notes, deidentify=job.deidentify,
                                          setting=job.setting)
            else:
                sessions = service.ready([unit.session], path=unit.path, deidentify=job.deidentify, setting=job.setting)
            return Outcome(unit.path, tuple(service.analyse(s) for s in sessions if s.id not in job.skip))
    except AttunementError as exc:
        return Outcome(unit.path, failure=exc.one_line())


def units(service: Service, job: Job, files: Sequence[str]) -> Iterator[Unit]:
    """The run's units, reading each file only when it is reached."""
    number = 0
    for index, path in enumerate(files):
        whole = bool(job.notes or job.options.video) or is_recording(Path(path))
        if whole:
            yield Unit(number, index, path)
            number += 1
            continue
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # kept on each session's metadata
                sessions = service.read(path, options=job.options)
        except AttunementError as exc:
            yield Unit(number, index, path, failure=exc.one_line())
            number += 1
            continue
        for session in sessions:
            yield Unit(number, index, path, session=session, parts=len(sessions))
            number += 1


def run(job: Job, files: Sequence[str], *, workers: int = 1, dask: str | None = None, service: Service | None = None,
        progress: Progress | None = None) -> Iterator[Outcome]:
    """The outcome of every file, in input order."""
    if workers > 1 or dask:
        job = dataclasses.replace(job, options=dataclasses.replace(job.options, progress=None))
    own = service or Service(job.settings)
    work = units(own, job, files)
    if dask:
        done = _dask(job, work, dask, workers)
    elif workers > 1:
        done = _pool(job, work, workers)
    else:
        done = ((unit, analyse_unit(own, unit, job)) for unit in work)
    return _by_file(_in_order(done, len(files), progress))


def _in_order(finished: Iterable[tuple[Unit, Outcome]], total: int, progress: Progress | None) -> Iterator[tuple[Unit, Outcome]]:
    waiting: dict[int, tuple[Unit, Outcome]] = {}
    following = files_done = sessions_done = 0
    left: dict[int, int] = {}
    for unit, outcome in finished:
        waiting[unit.number] = (unit, outcome)
        left[unit.file] = left.get(unit.file, unit.parts) - 1
        files_done += left[unit.file] == 0
        sessions_done += len(outcome.analyses)
        if progress:
            progress(files_done, total, sessions_done)
        while following in waiting:
            yield waiting.pop(following)
            following += 1


def _by_file(ordered: Iterable[tuple[Unit, Outcome]]) -> Iterator[Outcome]:
    analyses: list[Analysis] = []
    failures: list[str] = []
    seen = 0
    for unit, outcome in ordered:
        analyses.extend(outcome.analyses)
        if outcome.failure:
            failures.append(outcome.failure)
        seen += 1
        if seen == unit.parts:
            yield Outcome(unit.path, tuple(analyses), "; ".join(failures) or None)
            analyses, failures, seen = [], [], 0


def threads_each(workers: int) -> int:
    """CPU threads per worker so that ``workers`` processes share this machine's cores."""
    return max(1, (os.cpu_count() or 1) // max(1, workers))


# ---- a process pool -----------------------------------------------------------------------------------------------

_WORKER: tuple[Service, Job] | None = None


def _start(job: Job) -> None:
    global _WORKER
    service = Service(job.settings)
    service.prepare()
    _WORKER = (service, job)


def _work(unit: Unit) -> Outcome:
    assert _WORKER is not None, "the worker was not started"
    return analyse_unit(_WORKER[0], unit, _WORKER[1])


def _pool(job: Job, work: Iterator[Unit], workers: int) -> Iterator[tuple[Unit, Outcome]]:
    again: deque[Unit] = deque()  # units whose worker died, to try first in the next pool
    tries: dict[int, int] = {}
    context = multiprocessing.get_context("spawn")
    exhausted = False
    while again or not exhausted:
        lost: list[Unit] = []
        with environment.child_threads(threads_each(workers)), \
                ProcessPoolExecutor(workers, mp_context=context, initializer=_start, initargs=(job,)) as pool:
            flying: dict[Future[Outcome], Unit] = {}
            while True:
                while len(flying) < _AHEAD * workers:
                    unit = again.popleft() if again else next(work, None)
                    if unit is None:
                        exhausted = True
                        break
                    flying[pool.submit(_work, unit)] = unit
                if not flying:
                    break
                finished, _ = wait(flying, return_when=FIRST_COMPLETED)
                for future in sorted(finished, key=lambda f: flying[f].number):
                    unit = flying.pop(future)
                    try:
                        yield unit, future.result()
                    except BrokenProcessPool:
                        lost.append(unit)
                if lost:  # the pool is broken: every unit still flying is lost with it
                    lost = sorted([*lost, *flying.values()], key=lambda u: u.number)
                    break
        # The pool hands out units in order, so the ones in flight were the first not back; only they count a try.
        for unit in lost[:workers + 1]:
            tries[unit.number] = tries.get(unit.number, 0) + 1
        for unit in reversed(lost):
            if tries.get(unit.number, 0) >= TRIES:
                yield unit, Outcome(unit.path, failure=f"{unit.path}: the worker analysing it died {TRIES} times "
                                                        "(out of memory, or killed); analyse it alone to see why")
            else:
                again.appendleft(unit)


# ---- Dask ---------------------------------------------------------------------------------------------------------

_DASK_SERVICES: dict[int, Service] = {}


def _task(unit: Unit, job: Job) -> Outcome:
    """One unit on a Dask worker; the worker keeps one service (and its models) for all its tasks."""
    key = hash((job.settings.config_path, job.settings.db, repr(job.settings.config)))
    if key not in _DASK_SERVICES:
        _DASK_SERVICES[key] = Service(job.settings)
    return analyse_unit(_DASK_SERVICES[key], unit, job)


def _dask(job: Job, work: Iterator[Unit], scheduler: str, workers: int) -> Iterator[tuple[Unit, Outcome]]:
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError as exc:
        raise AttunementError("--dask needs dask.distributed: pip install 'attunement[corpus]'") from exc
    with environment.child_threads(threads_each(workers)), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cluster = None
        try:
            if scheduler == "local":
                cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                                       silence_logs=logging.ERROR)
                client = Client(cluster)
            else:
                client = Client(scheduler, timeout=20)
        except (OSError, ValueError, TypeError) as exc:  # refused, timed out, or not an address
            raise AttunementError(f"cannot reach the Dask scheduler at {scheduler}: {exc}",
                                  hint="start one with 'dask scheduler', or use --dask local") from exc
    try:
        flying = as_completed()
        units_of: dict[str, Unit] = {}

        def submit() -> bool:
            unit = next(work, None)
            if unit is None:
                return False
            resolved = dataclasses.replace(unit, path=str(Path(unit.path).resolve()))
            future = client.submit(_task, resolved, job, key=f"attune-unit-{unit.number}", retries=TRIES - 1, pure=False)
            units_of[future.key] = unit
            flying.add(future)
            return True

        while len(units_of) < _AHEAD * max(1, workers) and submit():
            pass
        for future in flying:  # futures added while iterating are waited for too
            unit = units_of.pop(future.key)
            try:
                outcome = dataclasses.replace(future.result(), path=unit.path)
            except Exception as exc:  # the task failed on every try: say so and go on with the rest
                outcome = Outcome(unit.path, failure=f"{unit.path}: failed on the cluster ({type(exc).__name__}: {exc})")
            yield unit, outcome
            submit()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
