"""The dataset census (``core.census``): run, reopen, and thumbnails for a confusion cell."""

from __future__ import annotations

from pathlib import Path

from explorer.core.census import results
from explorer.core.census.run import prepare
from explorer.core.census.sources import open_source
from explorer.core.errors import ExplorerError
from explorer.worker.census_messages import (
    CensusResult,
    CensusThumbnails,
    OpenCensus,
    RunCensus,
    ThumbnailsReady,
)
from explorer.worker.messages import Progress
from explorer.worker.registry import job
from explorer.worker.state import JobState


@job(RunCensus)
def run_census(request: RunCensus, state: JobState) -> CensusResult:
    """Every image of ``request.data`` through the current model once; progress with images/s
    after each batch; a cancel keeps (and saves) what is done, to resume later."""
    active = state.memory.require_model()
    if not request.folder:
        raise ExplorerError("The census needs a folder for its results", "Choose a folder")
    census = prepare(active.loaded, active.graph, request.data, request.folder,
                     split=request.split, layers=list(request.layers) or None,
                     top=request.top, limit=request.limit, resume=request.resume,
                     batch_size=request.batch_size, probe=active.probe)
    what = census.source.description
    state.report(Progress(message=f"Census of {what}: {census.done} of {census.source.count} "
                                  "images", done=census.done, total=census.source.count))

    def progress(done: int, total: int, rate: float) -> None:
        state.report(Progress(message=f"Census of {what}: {done} of {total} images",
                              done=done, total=total, rate=rate))

    data = census.run(progress, cancel=lambda: state.cancelled)
    return CensusResult(data, cancelled=not data.complete)


@job(OpenCensus)
def open_census(request: OpenCensus, state: JobState) -> CensusResult:
    """A census folder read back as it was written (nothing is recomputed)."""
    return CensusResult(results.read(request.folder))


@job(CensusThumbnails)
def census_thumbnails(request: CensusThumbnails, state: JobState) -> ThumbnailsReady:
    """Write the thumbnails a confusion cell lists that the census did not keep."""
    active = state.memory.require_model()
    data = results.read(request.folder)
    missing = [i for i in request.indices if data.thumbnail(i) is None]
    if missing:
        limit = int(data.total) if data.total else None
        source = open_source(data.data, data.split, active.loaded.spec, limit=limit)
        results.write_thumbnails(Path(request.folder), source, missing)
    return ThumbnailsReady(request.folder, tuple(request.indices))
