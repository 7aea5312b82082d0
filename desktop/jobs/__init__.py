"""Jobs: the long pieces of work the app and the CLI run, as plain Qt-free functions.

Each module holds one kind of work as `run(request, progress) -> result`: a typed request in, a typed
result out, progress reported through `desktop.engine.progress`. The app's runner starts them in the
background; the CLI calls the same functions in the foreground. Nothing here imports Qt.
"""
