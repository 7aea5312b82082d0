"""Entry point of the frozen app (PyInstaller starts here): the same `clientele` command as from source."""

import multiprocessing
import sys

if __name__ == "__main__":
    # scikit-learn's worker processes re-launch this executable; this makes them workers, not apps
    multiprocessing.freeze_support()
    from desktop.__main__ import main

    sys.exit(main())
