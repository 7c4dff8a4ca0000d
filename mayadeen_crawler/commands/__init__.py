"""Project commands (``COMMANDS_MODULE``): ``crawl`` exits non-zero when a run's monitors fail."""
