"""The engine: reading files, column roles, cleaning, customer features, segments, predictions,
suggestions and export. Nothing in this package imports Qt (a test enforces it)."""
