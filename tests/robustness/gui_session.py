"""One whole GUI session, offscreen, in a process of its own (used by ``test_window_security``).

Start the window as ``cnn-explorer`` does, wait for the default model's first result, open a
shipped sample from File ▸ Samples, switch to LeNet-5, save the view as a PNG (the save dialog
answers SAVE_PATH) and quit. Prints one JSON line saying what was shown; exits 0 when every
step worked and no error was shown::

    python tests/robustness/gui_session.py SAVE_PATH
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

TIMEOUT_S = 300


def wait(app, condition, what: str) -> None:
    deadline = time.monotonic() + TIMEOUT_S
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"no {what} within {TIMEOUT_S} s")
        app.processEvents()
        time.sleep(0.01)


def main(save_path: str) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from explorer.gui import _application

    app = _application([])
    from PySide6.QtWidgets import QFileDialog

    from explorer.core import samples
    from explorer.settings import Settings
    from explorer.widgets.dialogs import HeadlessPresenter
    from explorer.widgets.main_window import MainWindow
    from explorer.worker.thread import Worker

    window = MainWindow(Worker(), Settings(), HeadlessPresenter())
    errors = []
    window.error_shown.connect(lambda report: errors.append(report.message))
    window.show()
    window.start()
    try:
        wait(app, lambda: window.result is not None, "first result")
        sample = samples.default_sample_for("lenet5")
        action = next(a for a in window.menu_actions.samples_menu.actions()
                      if a.toolTip() == str(sample))
        action.trigger()
        wait(app, lambda: window.result is not None and window.result.image.name == sample.name,
             "result for the sample")
        window.load_model("lenet5")
        wait(app, lambda: window.result is not None and window.result.model_name == "lenet5",
             "result through lenet5")
        QFileDialog.getSaveFileName = staticmethod(lambda *args, **kwargs: (save_path, "PNG"))
        window.menu_actions.save_view.trigger()
        shown = {"image": window.result.image.name, "model": window.result.model_name,
                 "top1": window.views.predictions.shown()[0][0], "errors": errors,
                 "settings": window.settings.file_name}
    finally:
        window.close()  # stops the worker thread: never leave TensorFlow running at exit
    print(json.dumps(shown), flush=True)
    return 0 if not errors and Path(save_path).is_file() else 1


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python gui_session.py SAVE_PATH")
    sys.exit(main(sys.argv[1]))
