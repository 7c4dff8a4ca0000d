"""Benchmarks: scripts that print figures and write them to ``benchmarks/results/*.json``."""
