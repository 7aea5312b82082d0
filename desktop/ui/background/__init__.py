"""Background work: the one runner the app starts every job on (`runner.TaskRunner`: threads for
light work; heavy work in a warm worker process of desktop.engine.processes, the runner the file
guard's parser shares), work done on the GUI thread one piece per event-loop turn
(`runner.run_in_turns`), and letting go of an old analysis a piece per turn (`release`)."""
