"""Run monitors: field coverage counters and the checks that pass or fail a run at its end."""
