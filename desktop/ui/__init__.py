"""The desktop app (PySide6): the window, the views and dialogs, Qt models and shared widgets, and the
background runner.

Views live in desktop/ui/views/ (see its __init__ for how to add one); dialogs in desktop/ui/dialogs/.
Nothing here computes results: work is a job (desktop.jobs) run on the runner (ui/background), and
results live in the window's session (desktop.session), which the views observe through
ui/models/session.py. docs/ARCHITECTURE.md has the whole picture.
"""
