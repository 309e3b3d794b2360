"""The bundle's entry script: the same ``main()`` as the ``cnn-explorer`` console script."""

import multiprocessing

from explorer.app import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # a frozen child process must not re-run the app
    raise SystemExit(main())
