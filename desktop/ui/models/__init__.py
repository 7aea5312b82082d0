"""Qt models over the app's data: the session adapter (signals for the Qt-free session)."""
