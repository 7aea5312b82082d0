"""Background work: the one runner the app starts every job on (`runner.TaskRunner`: threads for
light work, a child process per heavy job via `process.run_in_process`), work done on the GUI thread
one piece per event-loop turn (`runner.run_in_turns`), and letting go of an old analysis a piece per
turn (`release`). Nothing is imported here: `process` runs in Qt-free child processes."""
