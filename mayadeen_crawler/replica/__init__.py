"""A local, deterministic replica of Al Mayadeen English for tests, demos and benchmarks."""

from __future__ import annotations

from .corpus import Corpus
from .faults import FAULT_KINDS, FaultPlan, Switches
from .server import ReplicaServer

__all__ = ["FAULT_KINDS", "Corpus", "FaultPlan", "ReplicaServer", "Switches"]
