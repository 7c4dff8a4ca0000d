"""Tests of the replica server and its corpus."""
