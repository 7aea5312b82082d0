"""The desktop app: PySide6 widgets, table models, pyqtgraph plots and the one worker mechanism.

Views live in desktop/ui/views/ (see its __init__ for how to add one); dialogs in desktop/ui/dialogs/.
Nothing here computes results: the UI asks the engine (desktop.engine) and shows what it returns.
"""
