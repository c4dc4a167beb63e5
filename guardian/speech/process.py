"""Speakers that read each utterance with child processes, run by one worker thread.

The worker thread owns every wait: it starts the processes of an utterance, waits for them and
reports back by queued signals. The GUI thread only starts work and stops it: ``stop()`` kills
the running processes' process groups at once, without waiting for anything.
"""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import IO

from PySide6.QtCore import QObject, QThread, Signal, Slot

from guardian.core.i18n import Lang
from guardian.speech.speaker import Speaker

Command = tuple[str, ...]


@dataclass(frozen=True)
class Pipeline:
    """The child processes that read one utterance, each one's output feeding the next.

    Attributes:
        commands: the programs with their arguments, first to last.
        stdin: bytes written to the first program's standard input.
    """

    commands: tuple[Command, ...]
    stdin: bytes = b""


@dataclass(frozen=True)
class Outcome:
    """How the processes of an utterance ended.

    Attributes:
        returncodes: each program's exit status, first to last (negative: killed by a signal).
        errors: each program's standard error output, decoded.
    """

    returncodes: tuple[int, ...]
    errors: tuple[str, ...]


@dataclass(frozen=True)
class _Job:
    generation: int
    pipeline: Pipeline
    is_probe: bool = False


_QUIT = object()


# Each child starts its own process group, so it can be stopped with everything it started.
_NEW_GROUP_FLAGS = getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)
_NEW_SESSION = sys.platform != "win32"


def kill_process_group(process: subprocess.Popen[bytes]) -> None:
    """Kill ``process`` and everything it started, at once; never raises, never waits."""
    try:
        if sys.platform == "win32":
            process.kill()
        else:
            os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, OSError):
        pass


def _close_stdin(process: subprocess.Popen[bytes]) -> None:
    """Close the pipe into ``process`` (a stopped process makes the final flush fail)."""
    if process.stdin is not None:
        with contextlib.suppress(OSError):  # the reader is gone; the pipe closes all the same
            process.stdin.close()


def run_pipeline(
    pipeline: Pipeline,
    accept: Callable[[list[subprocess.Popen[bytes]]], bool],
) -> Outcome | None:
    """Run ``pipeline`` to the end and return how it ended; blocks, so never on the GUI thread.

    Args:
        pipeline: what to run.
        accept: told about the processes as soon as they exist, so they can be stopped; returns
            False when they are no longer wanted.

    Returns:
        The outcome, or None when ``accept`` refused the processes and they were killed.

    Raises:
        OSError: a program could not be started.
    """
    processes: list[subprocess.Popen[bytes]] = []
    error_files: list[IO[bytes]] = []
    previous_read: int | None = None
    try:
        last = len(pipeline.commands) - 1
        for index, command in enumerate(pipeline.commands):
            read_end, write_end = (None, None) if index == last else os.pipe()
            # Closed below once the process has ended and its errors are read.
            error_file: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115
            error_files.append(error_file)
            try:
                process = subprocess.Popen(
                    command,
                    stdin=subprocess.PIPE if index == 0 else previous_read,
                    stdout=write_end if write_end is not None else subprocess.DEVNULL,
                    stderr=error_file,
                    start_new_session=_NEW_SESSION,
                    creationflags=_NEW_GROUP_FLAGS,
                )
            finally:
                if previous_read is not None:
                    os.close(previous_read)
                if write_end is not None:
                    os.close(write_end)
            previous_read = read_end
            processes.append(process)
    except OSError:
        if previous_read is not None:
            os.close(previous_read)
        for process in processes:
            kill_process_group(process)
            process.wait()
        for error_file in error_files:
            error_file.close()
        raise
    if not accept(processes):
        for process in processes:
            kill_process_group(process)
            process.wait()
            _close_stdin(process)
        for error_file in error_files:
            error_file.close()
        return None
    first = processes[0]
    if first.stdin is not None:
        try:
            first.stdin.write(pipeline.stdin)
        except OSError:
            pass  # the process was stopped or failed; its exit status says which
        finally:
            _close_stdin(first)
    codes = tuple(process.wait() for process in reversed(processes))[::-1]
    errors: list[str] = []
    for error_file in error_files:
        error_file.seek(0)
        errors.append(error_file.read(8192).decode("utf-8", "replace"))
        error_file.close()
    return Outcome(returncodes=codes, errors=tuple(errors))


class ProcessRegistry:
    """The one record of which processes are reading, shared by the GUI and worker threads.

    A generation number counts utterances: ``say`` and ``stop`` move it on, and processes that
    belong to an older generation are killed the moment they are seen.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._generation = 0
        self._processes: list[subprocess.Popen[bytes]] = []

    def next_generation(self) -> int:
        """Kill whatever is running and return the number of the next utterance."""
        with self._lock:
            self._generation += 1
            running, self._processes = self._processes, []
            for process in running:
                kill_process_group(process)
            return self._generation

    def is_current(self, generation: int) -> bool:
        """Whether ``generation`` is still the latest utterance."""
        with self._lock:
            return generation == self._generation

    def accept(self, generation: int, processes: list[subprocess.Popen[bytes]]) -> bool:
        """Record ``processes`` as running, unless their utterance was replaced meanwhile."""
        with self._lock:
            if generation != self._generation:
                return False
            self._processes = list(processes)
            return True

    def release(self) -> None:
        """Forget the processes that just ended."""
        with self._lock:
            self._processes = []

    def pids(self) -> tuple[int, ...]:
        """The process ids of the programs reading now."""
        with self._lock:
            return tuple(process.pid for process in self._processes)


# How an utterance ended, as reported by the worker.
_PLAYED, _STOPPED, _FAILED = 0, 1, 2


class _Worker(QThread):
    """Runs utterances one after another, off the GUI thread.

    Only plain ints and strings cross threads in its signals.

    Signals:
        utterance_started(int): the processes of that generation are running.
        utterance_ended(int, int, str): that generation ended: played, stopped or failed, and
            the reason when it failed.
        utterance_failed_to_start(int, str): a program could not be started.
        probed(str): the sound-device check ended; the reason it failed, or "".
    """

    utterance_started = Signal(int)
    utterance_ended = Signal(int, int, str)
    utterance_failed_to_start = Signal(int, str)
    probed = Signal(str)

    def __init__(
        self,
        registry: ProcessRegistry,
        classify: Callable[[Outcome], str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._registry = registry
        self._classify = classify
        self._jobs: queue.SimpleQueue[object] = queue.SimpleQueue()

    def submit(self, job: _Job) -> None:
        self._jobs.put(job)

    def quit_soon(self) -> None:
        self._jobs.put(_QUIT)

    def run(self) -> None:
        while True:
            job = self._jobs.get()
            if job is _QUIT:
                return
            assert isinstance(job, _Job)
            if job.is_probe:
                self._probe(job)
                continue
            if not self._registry.is_current(job.generation):
                continue
            try:
                outcome = run_pipeline(job.pipeline, partial(self._accept, job.generation))
            except OSError as error:
                self.utterance_failed_to_start.emit(job.generation, str(error))
                continue
            if outcome is None:
                continue  # replaced before it began: nothing was announced
            self._registry.release()
            if not self._registry.is_current(job.generation):
                self.utterance_ended.emit(job.generation, _STOPPED, "")
                continue
            reason = self._classify(outcome)
            self.utterance_ended.emit(job.generation, _FAILED if reason else _PLAYED, reason)

    def _accept(self, generation: int, processes: list[subprocess.Popen[bytes]]) -> bool:
        if not self._registry.accept(generation, processes):
            return False
        self.utterance_started.emit(generation)
        return True

    def _probe(self, job: _Job) -> None:
        try:
            outcome = run_pipeline(job.pipeline, lambda processes: True)
        except OSError as error:
            outcome = Outcome(returncodes=(-1,), errors=(str(error),))
        self.probed.emit(self._classify(outcome) if outcome is not None else "")


class ProcessSpeaker(Speaker):
    """A ``Speaker`` that reads each utterance with child processes.

    Subclasses say which programs to run (``pipeline_for``), how to tell a sound-device failure
    from success (``failure_reason``), and optionally how to check the sound device
    (``probe_pipeline``). Everything else, stopping, interrupting and reporting, is here.

    Signals:
        started: an utterance began playing (its processes are running).
        finished: the utterance ended, played to the end, stopped, replaced or failed; every
            ``started`` is followed by exactly one ``finished``.
        failed(str): an utterance could not be played; the argument says why in plain words.
            Sent before that utterance's ``finished``, or alone when nothing could start.
        availability_changed(bool): whether speech can be heard changed.
    """

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        rate: int | None = None,
        volume: float | None = None,
        probe: bool = True,
    ) -> None:
        super().__init__(parent, rate=rate, volume=volume)
        self._registry = ProcessRegistry()
        self._available = True
        self._reason = ""
        self._shut_down = False
        self._worker = _Worker(self._registry, self.failure_reason, self)
        self._worker.utterance_ended.connect(self._on_ended)
        self._worker.utterance_failed_to_start.connect(self._on_failed_to_start)
        self._worker.probed.connect(self._on_probed)
        self._worker.utterance_started.connect(self._on_started)
        self._started_generation = -1
        self._worker.start()
        probe_pipeline = self.probe_pipeline() if probe else None
        if probe_pipeline is not None:
            self._worker.submit(_Job(generation=-1, pipeline=probe_pipeline, is_probe=True))

    # -- what subclasses provide ----------------------------------------------------------

    def pipeline_for(self, text: str, lang: Lang) -> Pipeline:
        """Return the programs that read ``text`` (already prepared by ``for_speech``)."""
        raise NotImplementedError

    def failure_reason(self, outcome: Outcome) -> str:
        """Return why ``outcome`` is a failure, in plain words, or "" when it played.

        Called on the worker thread: it must only read settings fixed at construction.
        """
        if any(code != 0 for code in outcome.returncodes):
            detail = last_line(" ".join(outcome.errors))
            return f"speech stopped with an error{': ' + detail if detail else ''}"
        return ""

    def probe_pipeline(self) -> Pipeline | None:
        """Return a short, silent check of the sound device, or None to skip the check."""
        return None

    # -- Speaker --------------------------------------------------------------------------

    @property
    def available(self) -> bool:
        """Whether speech can be heard: False once the sound device failed."""
        return self._available

    @property
    def unavailable_reason(self) -> str:
        """Why speech cannot be heard (empty when it can)."""
        return "" if self._available else self._reason

    def say(self, text: str, lang: Lang) -> None:
        """Start reading ``text`` in ``lang``, interrupting anything being read; returns at once."""
        if self._shut_down:
            return
        # Imported at the first sentence (the warm-up loads it soon after the window shows):
        # its patterns take a while to build, and the window opens without them.
        from guardian.core.speech_text import for_speech

        spoken = for_speech(text, lang)
        generation = self._registry.next_generation()
        if not spoken:
            return
        self._worker.submit(_Job(generation=generation, pipeline=self.pipeline_for(spoken, lang)))

    def stop(self) -> None:
        """Stop reading at once: the reading processes are killed without waiting."""
        self._registry.next_generation()

    def shutdown(self) -> None:
        """Stop, and end the worker thread; called once when the app quits."""
        if self._shut_down:
            return
        self._shut_down = True
        self.stop()
        self._worker.quit_soon()
        self._worker.wait(5000)

    def process_ids(self) -> tuple[int, ...]:
        """The ids of the processes reading now (empty when silent); for diagnostics."""
        return self._registry.pids()

    # -- reports from the worker (queued onto this object's thread) -----------------------

    @Slot(int)
    def _on_started(self, generation: int) -> None:
        if generation > self._started_generation:
            self._started_generation = generation
            self.started.emit()

    @Slot(int, int, str)
    def _on_ended(self, generation: int, how: int, reason: str) -> None:
        # The start may not have been seen yet if the processes ended at once.
        self._on_started(generation)
        if how == _FAILED:
            self._set_available(False, reason)
            self.failed.emit(reason)
        elif how == _PLAYED:
            self._set_available(True, "")
        self.finished.emit()

    @Slot(int, str)
    def _on_failed_to_start(self, generation: int, error: str) -> None:
        reason = f"the speech program could not be started: {error}"
        self._set_available(False, reason)
        self.failed.emit(reason)

    @Slot(str)
    def _on_probed(self, reason: str) -> None:
        self._set_available(not reason, reason)

    def _set_available(self, available: bool, reason: str) -> None:
        self._reason = reason
        if available != self._available:
            self._available = available
            self.availability_changed.emit(available)


def last_line(text: str) -> str:
    """Return the last non-blank line of a program's error output, stripped."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""
