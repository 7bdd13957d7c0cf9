"""Many files at once: in this process, in a pool of worker processes, or as Dask tasks.

Every way runs the same :func:`analyse_file` with the same :class:`Job`, so the reports are
identical whichever is used; only where the work happens changes.

* **In this process** (``workers=1``): the caller's own service.
* **A process pool** (``workers=N``): ``N`` fresh processes (started with ``spawn``, so nothing of
  the parent's onnxruntime state is shared), each with its own service and models, and the cores
  shared out between them (``ATTUNEMENT_THREADS``), so ``N`` workers do not oversubscribe the
  machine. A worker that dies (killed, out of memory) breaks the pool; the files that had not come
  back are given to a new pool, up to three tries each, then reported as failures. Nothing is
  lost and nothing is returned twice.
* **Dask** (``dask="local"`` for a ``LocalCluster`` of ``workers`` processes on this machine, or a
  scheduler's address): one task per file, retried when its worker dies. Workers must have
  attunement installed and see the files at the same paths.

Results come back in input order (a file that finishes early waits for the ones before it), as an
iterator, so the caller can save each one as soon as it arrives; ``progress(done, total)`` is
called as files finish, in whatever order.
"""

from __future__ import annotations

import dataclasses
import logging
import multiprocessing
import os
import warnings
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from . import environment
from .errors import AttunementError
from .model import Analysis
from .readers import ReadOptions
from .service import Service
from .settings import Settings

__all__ = ["Job", "Outcome", "analyse_file", "run", "TRIES"]

#: How many times a file is tried when the worker analysing it dies.
TRIES = 3


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
    """What became of one file: its analyses, or why it could not be analysed."""

    path: str
    analyses: tuple[Analysis, ...] = ()
    failure: str | None = None


def analyse_file(service: Service, path: str, job: Job) -> Outcome:
    """Read and analyse one file; a user's mistake (a bad file) becomes the outcome's failure, not an exception."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # they travel on each session into its analysis
            sessions = service.ingest(path, options=job.options, notes=job.notes, deidentify=job.deidentify,
                                      setting=job.setting)
            return Outcome(path, tuple(service.analyse(s) for s in sessions if s.id not in job.skip))
    except AttunementError as exc:
        return Outcome(path, failure=exc.one_line())


def run(job: Job, files: Sequence[str], *, workers: int = 1, dask: str | None = None, service: Service | None = None,
        progress: Callable[[int, int], None] | None = None) -> Iterator[Outcome]:
    """The outcome of every file, in input order."""
    job = dataclasses.replace(job, options=dataclasses.replace(job.options, progress=None)) if workers > 1 or dask else job
    if dask:
        return _ordered(_dask(job, files, dask, workers), len(files), progress)
    if workers > 1 and len(files) > 1:
        return _ordered(_pool(job, files, workers), len(files), progress)
    own = service or Service(job.settings)
    return _ordered(((i, analyse_file(own, path, job)) for i, path in enumerate(files)), len(files), progress)


def _ordered(finished: Iterator[tuple[int, Outcome]], total: int,
             progress: Callable[[int, int], None] | None) -> Iterator[Outcome]:
    waiting: dict[int, Outcome] = {}
    following = done = 0
    for index, outcome in finished:
        waiting[index] = outcome
        done += 1
        if progress:
            progress(done, total)
        while following in waiting:
            yield waiting.pop(following)
            following += 1


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


def _work(path: str) -> Outcome:
    assert _WORKER is not None, "the worker was not started"
    return analyse_file(_WORKER[0], path, _WORKER[1])


def _pool(job: Job, files: Sequence[str], workers: int) -> Iterator[tuple[int, Outcome]]:
    tries = [0] * len(files)
    left = list(range(len(files)))
    context = multiprocessing.get_context("spawn")
    while left:
        with environment.child_threads(threads_each(workers)), \
                ProcessPoolExecutor(min(workers, len(left)), mp_context=context, initializer=_start, initargs=(job,)) as pool:
            futures = {pool.submit(_work, files[i]): i for i in left}
            pending = set(futures)
            broken = False
            while pending:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    try:
                        outcome = future.result()
                    except BrokenProcessPool:
                        broken = True
                        continue
                    left.remove(futures[future])
                    yield futures[future], outcome
            if not broken:
                return
        # A worker died. The pool hands out files in order, so the files in flight were the first ones not back;
        # only they count a try. All that did not come back go to a new pool; a file tried too often is given up.
        for i in left[:workers + 1]:
            tries[i] += 1
        for i in [i for i in left if tries[i] >= TRIES]:
            left.remove(i)
            yield i, Outcome(files[i], failure=f"{files[i]}: the worker analysing it died {TRIES} times "
                                               "(out of memory, or killed); analyse it alone to see why")


# ---- Dask ---------------------------------------------------------------------------------------------------------

_DASK_SERVICES: dict[int, Service] = {}


def _task(path: str, job: Job) -> Outcome:
    """One file on a Dask worker; the worker keeps one service (and its models) for all its tasks."""
    key = hash((job.settings.config_path, job.settings.db, repr(job.settings.config)))
    if key not in _DASK_SERVICES:
        _DASK_SERVICES[key] = Service(job.settings)
    return analyse_file(_DASK_SERVICES[key], path, job)


def _dask(job: Job, files: Sequence[str], scheduler: str, workers: int) -> Iterator[tuple[int, Outcome]]:
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError as exc:
        raise AttunementError("--dask needs dask.distributed: pip install 'attunement[corpus]'") from exc
    with environment.child_threads(threads_each(workers)), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if scheduler == "local":
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                                   silence_logs=logging.ERROR)
            client = Client(cluster)
        else:
            cluster = None
            try:
                client = Client(scheduler, timeout=30)
            except OSError as exc:
                raise AttunementError(f"cannot reach the Dask scheduler at {scheduler}: {exc}",
                                      hint="start one with 'dask scheduler', or use --dask local") from exc
    try:
        paths = [str(Path(p).resolve()) for p in files]
        futures = [client.submit(_task, path, job, key=f"attune-file-{i}", retries=TRIES - 1, pure=False)
                   for i, path in enumerate(paths)]
        index = {f.key: i for i, f in enumerate(futures)}
        for future in as_completed(futures):
            i = index[future.key]
            try:
                outcome = future.result()
            except Exception as exc:  # the task failed on every try: say so and go on with the rest
                outcome = Outcome(files[i], failure=f"{files[i]}: failed on the cluster ({type(exc).__name__}: {exc})")
            else:
                outcome = dataclasses.replace(outcome, path=files[i])
            yield i, outcome
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
