"""The JSON Schema of an output line (``article.schema.json``), shipped as package data."""
