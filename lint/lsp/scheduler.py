"""When to lint: off the event loop, debounced, newest version only.

Linting runs in a small thread pool of its own (pygls' pool reads stdin, so
it must never be busy with lint work). Each document has at most one
scheduled run: a new change cancels the previous run while it waits out the
debounce, and a run whose document changed while it was linting throws its
result away instead of publishing it. Requests that need the findings of the
current version (pull diagnostics, code actions, hover) share a run already
in flight for that version rather than starting another.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from pygls.workspace import PositionCodec

from lint.lsp.diagnostics import failure_diagnostic
from lint.lsp.documents import PositionMap
from lint.lsp.linting import LintResult, Snapshot, lint_snapshot
from lint.lsp.settings import DocumentSettings, SettingsProvider

log = logging.getLogger(__name__)

Key = tuple[int | None, int]
T = TypeVar("T")


@dataclass
class _Job:
    key: Key
    future: asyncio.Future[LintResult]
    waiters: int = 0


@dataclass
class _State:
    result: LintResult | None = None
    job: _Job | None = None
    task: asyncio.Task[None] | None = None
    # The thread linting this document, if any. A thread cannot be stopped,
    # so a newer version waits for it rather than competing with it: one
    # document never holds more than one worker, and other documents are
    # never starved by a long document's stale runs.
    running: concurrent.futures.Future[LintResult] | None = None


class LintScheduler:
    def __init__(
        self,
        settings: SettingsProvider,
        snapshot_of: Callable[[str], Snapshot | None],
        codec: Callable[[], PositionCodec],
        workers: int = 2,
    ) -> None:
        # Set while the settings are known and not being changed; lints wait
        # for it (see hold()).
        self.ready = asyncio.Event()
        self._holds = 1  # released when the editor's settings are known
        self._settings = settings
        self._snapshot_of = snapshot_of
        self._codec = codec
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="copydesk-lint")
        self._states: dict[str, _State] = {}

    def hold(self) -> None:
        """Make new lints wait (the settings are about to change)."""
        self._holds += 1
        self.ready.clear()

    def release(self) -> None:
        self._holds -= 1
        if self._holds <= 0:
            self._holds = 0
            self.ready.set()

    async def run(self, function: Callable[..., T], *args: Any) -> T:
        """Run a blocking function on the lint threads."""
        return await asyncio.get_running_loop().run_in_executor(self._executor, function, *args)

    # -- results -------------------------------------------------------------
    async def result(self, snapshot: Snapshot) -> LintResult:
        """The findings for exactly ``snapshot``: cached, shared or new."""
        await self.ready.wait()
        state = self._states.setdefault(snapshot.uri, _State())
        key: Key = (snapshot.version, self._settings.generation)
        if state.result is not None and state.result.key == key and state.result.snapshot.source == snapshot.source:
            return state.result
        job = state.job
        if job is None or job.key != key or job.future.cancelled():
            job = _Job(key, asyncio.ensure_future(self._start(state, snapshot, key[1])))
            state.job = job
            job.future.add_done_callback(functools.partial(self._finished, snapshot.uri, job))
        job.waiters += 1
        try:
            return await asyncio.shield(job.future)
        finally:
            job.waiters -= 1
            if job.waiters == 0 and not job.future.done():
                # Nobody wants this version any more: drop it if it has not started.
                job.future.cancel()

    async def _start(self, state: _State, snapshot: Snapshot, generation: int) -> LintResult:
        while state.running is not None and not state.running.done():
            # asyncio.wait does not cancel what it waits for if this task is.
            await asyncio.wait([asyncio.wrap_future(state.running)])
        running = self._executor.submit(self._lint, snapshot, generation)
        state.running = running
        return await asyncio.wrap_future(running)

    def _lint(self, snapshot: Snapshot, generation: int) -> LintResult:
        try:
            settings = self._settings.for_document(snapshot.path)
        except Exception as exc:  # noqa: BLE001 - reported as a diagnostic
            log.exception("loading settings for %s failed", snapshot.uri)
            settings = DocumentSettings.empty()
            failure = failure_diagnostic(f"copydesk could not load its settings: {type(exc).__name__}: {exc}")
            positions = PositionMap(snapshot.source, self._codec())
            return LintResult(snapshot, generation, settings, (), (failure,), positions, 0.0)
        try:
            return lint_snapshot(snapshot, settings, generation, self._codec())
        finally:
            if snapshot.uri not in self._states:
                # Closed while this ran (see forget()): what closing dropped
                # from the settings, this kept again.
                self._settings.forget(snapshot.path)

    def _finished(self, uri: str, job: _Job, future: object = None) -> None:
        state = self._states.get(uri)
        if state is None:
            return
        if state.job is job:
            state.job = None
        if job.future.cancelled() or job.future.exception() is not None:
            return
        result = job.future.result()
        current = self._snapshot_of(uri)
        if current is not None and current.version == result.snapshot.version and result.generation == self._settings.generation:
            state.result = result

    # -- scheduling ----------------------------------------------------------
    def schedule(self, uri: str, delay: float, publish: Callable[[LintResult], None]) -> None:
        """Lint ``uri`` after ``delay`` seconds and publish, unless a newer
        change or the closing of the document gets there first."""
        state = self._states.setdefault(uri, _State())
        if state.task is not None:
            state.task.cancel()
        state.task = asyncio.ensure_future(self._run(uri, delay, publish))

    async def _run(self, uri: str, delay: float, publish: Callable[[LintResult], None]) -> None:
        try:
            if delay > 0:
                await asyncio.sleep(delay)
            snapshot = self._snapshot_of(uri)
            if snapshot is None:
                return
            result = await self.result(snapshot)
            await self.ready.wait()  # a settings change under way decides what is stale
            current = self._snapshot_of(uri)
            if current is None or current.version != snapshot.version:
                return  # stale: the run scheduled by the newer change publishes
            if result.generation != self._settings.generation:
                return  # the settings changed meanwhile; a new run is scheduled
            publish(result)
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001 - a failed run must not end the server
            log.exception("linting %s failed", uri)
        finally:
            state = self._states.get(uri)
            if state is not None and state.task is asyncio.current_task():
                state.task = None

    def forget(self, uri: str) -> None:
        """Stop everything for a closed document."""
        state = self._states.pop(uri, None)
        if state is None:
            return
        if state.task is not None:
            state.task.cancel()
        if state.job is not None and state.job.waiters == 0:
            state.job.future.cancel()

    def shutdown(self) -> None:
        for uri in list(self._states):
            self.forget(uri)
        self._executor.shutdown(wait=False, cancel_futures=True)

