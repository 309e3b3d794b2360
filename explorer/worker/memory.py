"""What the worker keeps between requests: the current model and recent results."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from explorer.core.budget import default_budget_bytes
from explorer.core.errors import ModelError
from explorer.worker.cache import ActivationCache
from explorer.worker.messages import ModelReady


@dataclass
class ActiveModel:
    """The worker's current model: Keras objects plus what the window was told about it.

    Attributes:
        loaded: the ``core.models.types.LoadedModel``.
        graph: its ``core.graph.model_graph.ModelGraph``, walked once when it was loaded.
        probe: the one-pass ``ActivationProbe`` over that graph.
        ready: the :class:`ModelReady` the window received.
    """

    loaded: Any
    graph: Any
    probe: Any
    ready: ModelReady

    @property
    def name(self) -> str:
        """The name the window knows the model by."""
        return self.ready.name


@dataclass
class WorkerMemory:
    """The current model (None until one loads), a bounded cache of inference results, and
    what capabilities keep for the current model (``extras``)."""

    active: ActiveModel | None = None
    cache: ActivationCache = field(default_factory=ActivationCache)
    extras: dict = field(default_factory=dict)
    """Per-capability memory of the current model (a job's own key → its object); emptied
    when the model changes."""
    compare: ActiveModel | None = None
    """The compare slot: a second model (``LoadCompareModel``), kept apart from ``active``."""
    budget: int = field(default_factory=default_budget_bytes)
    """The activation budget in bytes (``SetBudget``; ``core.budget``): a model whose layer
    outputs for one image exceed a tenth of it (one capture) is captured in windows."""
    arena: Any = None
    """Where big arrays are kept when the worker is the engine process: a
    ``shm.EngineArena`` whose blocks the window maps without a copy (None in-process)."""

    def share(self, arrays: dict) -> dict:
        """``arrays`` moved into memory the window can map (the same dict in-process)."""
        return arrays if self.arena is None else self.arena.share(arrays)

    def require_model(self) -> ActiveModel:
        """The current model.

        Raises:
            ModelError: no model has been loaded yet.
        """
        if self.active is None:
            raise ModelError("No model is loaded yet", "Pick a model in the model picker first")
        return self.active
