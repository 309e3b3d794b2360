"""The worker thread: ids, coalescing, errors as data, progress, and a clean stop."""

from __future__ import annotations

import threading

import pytest

from explorer.core.errors import ImageError
from explorer.worker.messages import GetKernels, LoadImages, Progress, RunImage
from explorer.worker.thread import THREAD_NAME, Worker


class RecordingSession:
    """A session for the thread's mechanics: records requests and can hold the first one."""

    def __init__(self):
        self.handled: list = []
        self.release = threading.Event()
        self.holding = threading.Event()

    def handle(self, request_id, request, state, emit):
        if isinstance(request, LoadImages) and request.sources == ("hold",):
            self.holding.set()
            while not self.release.wait(0.01):
                state.check()  # a cancel ends the held job
        if isinstance(request, LoadImages) and request.sources == ("bad",):
            raise ImageError("bad is not an image", "Choose a PNG")
        if isinstance(request, LoadImages) and request.sources == ("bug",):
            raise ZeroDivisionError("division by zero in a job")
        if isinstance(request, LoadImages) and request.sources == ("progress",):
            state.report(Progress("Downloading x.h5", 5, 10, 1.0))
        self.handled.append((request_id, request))
        emit(request_id)


def _alive() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == THREAD_NAME and t.is_alive()]


@pytest.fixture
def worker(qtbot):
    session = RecordingSession()
    worker = Worker(session_factory=lambda: session)
    worker.session = session
    worker.start()
    yield worker
    session.release.set()
    assert worker.stop(timeout=5)
    assert not _alive()


def test_ids_increase_and_results_arrive_on_the_gui_thread(qtbot, worker):
    seen = []
    worker.result.connect(lambda i, v: seen.append((i, v, threading.current_thread())))
    ids = [worker.submit(LoadImages((f"img{i}",))) for i in range(3)]
    assert ids == sorted(ids) and len(set(ids)) == 3
    qtbot.waitUntil(lambda: len(seen) == 3, timeout=5000)
    assert [s[0] for s in seen] == ids
    assert all(s[2] is threading.main_thread() for s in seen)


def test_newer_requests_of_a_kind_supersede_queued_ones(qtbot, worker):
    finished = []
    worker.finished.connect(finished.append)
    worker.submit(LoadImages(("hold",)))
    assert worker.session.holding.wait(5)
    runs = [worker.submit(RunImage("m", f"image {i}")) for i in range(30)]
    kernels = [worker.submit(GetKernels("m", p)) for p in ("a", "b")]
    loads = [worker.submit(LoadImages((f"file{i}",))) for i in range(2)]
    assert worker.pending() == 1 + 1 + 2  # one run, one kernels request, both loads
    worker.session.release.set()
    qtbot.waitUntil(lambda: loads[-1] in finished, timeout=5000)
    handled = [i for i, _ in worker.session.handled]
    assert handled[1:] == [runs[-1], kernels[-1], *loads]


def test_errors_come_back_as_reports(qtbot, worker):
    reports = []
    worker.failed.connect(lambda i, r: reports.append(r))
    worker.submit(LoadImages(("bad",)))
    worker.submit(LoadImages(("bug",)))
    qtbot.waitUntil(lambda: len(reports) == 2, timeout=5000)
    user, bug = reports
    assert user.user_error and user.details is None
    assert user.message == "bad is not an image. Choose a PNG."
    assert not bug.user_error and bug.error_type is ZeroDivisionError
    assert "Traceback" in bug.details and "division by zero in a job" in bug.details
    # the thread survived both
    done = []
    worker.result.connect(lambda i, v: done.append(i))
    last = worker.submit(LoadImages(("fine",)))
    qtbot.waitUntil(lambda: last in done, timeout=5000)


def test_progress_is_forwarded(qtbot, worker):
    seen = []
    worker.progress.connect(lambda i, p: seen.append(p))
    worker.submit(LoadImages(("progress",)))
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen[0].eta == pytest.approx(5.0)


def test_stop_cancels_a_running_job_and_ends_the_thread(qtbot):
    session = RecordingSession()
    worker = Worker(session_factory=lambda: session)
    worker.start()
    worker.submit(LoadImages(("hold",)))
    assert session.holding.wait(5)
    worker.submit(LoadImages(("never run",)))
    assert worker.stop(timeout=5)
    assert not worker.is_running() and not _alive()
    assert all(r.sources != ("never run",) for _, r in session.handled)


def test_a_session_that_cannot_start_fails_every_request(qtbot):
    def broken():
        raise OSError("libtensorflow.so: cannot open shared object file")

    worker = Worker(session_factory=broken)
    reports = []
    worker.failed.connect(lambda i, r: reports.append(r))
    worker.start()
    worker.submit(LoadImages(("x",)))
    qtbot.waitUntil(lambda: bool(reports), timeout=5000)
    assert "libtensorflow" in reports[0].message and reports[0].details
    assert worker.stop(timeout=5)
