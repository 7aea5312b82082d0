"""Qt models over the app's data: table models (tables.py) and the session adapter (session.py)."""
