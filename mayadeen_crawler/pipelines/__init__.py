"""Item pipelines, in the order they run: clean -> validate -> dedupe -> export."""
