"""One runner per extractor, each run as a subprocess by the Python of its own virtualenv."""
