"""A whole session of the real window on its engine process, offscreen, in a process of its own
(``test_engine.test_the_window_process_never_imports_tensorflow``).

It opens the default model and sample, walks every layer, fetches kernels, explains with
Grad-CAM, inspects a unit, draws the diagram, switches to LeNet-5 and back, then quits, and
prints one JSON line: which of TensorFlow / Keras / h5py the window's process imported, and
the errors the window showed.
"""

from __future__ import annotations

import functools
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "robustness"))
import gui_session  # noqa: E402 - its wait(), from the folder next to this one


def main() -> int:
    os.environ["CNN_EXPLORER_ENGINE"] = "process"
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from explorer.gui import _application

    app = _application([])
    from explorer.settings import Settings
    from explorer.widgets.dialogs import HeadlessPresenter
    from explorer.widgets.main_window import MainWindow
    from explorer.worker.thread import Worker

    wait = functools.partial(gui_session.wait, app)
    window = MainWindow(Worker(), Settings(), HeadlessPresenter())
    errors, shown = [], {}
    window.error_shown.connect(lambda report: errors.append(report.message))
    window.show()
    window.start()
    wait(lambda: window.result is not None, "first result")
    v = window.views
    for info in window.state.model.table:
        window.select_layer(info.path)
        wait(lambda p=info.path: window.state.activation(p) is not None, info.path)
    conv = next(i.path for i in window.state.model.table if i.kind == "conv")
    window.select_layer(conv)
    v.tabs.setCurrentWidget(v.kernels)
    wait(lambda: conv in window.state.kernels, "kernels")
    shown["kernels"] = list(window.state.kernels[conv].kernels.keras.shape)
    v.tabs.setCurrentWidget(v.explain)
    window.explain("gradcam")
    wait(lambda: v.explain._result is not None, "explanation")
    shown["explanation"] = v.explain._result.explanation.title
    window.insight.inspect_unit(conv, 0, 3, 3)
    v.tabs.setCurrentWidget(v.diagram)
    for _ in range(200):
        app.processEvents()
        time.sleep(0.01)
    window.load_model("lenet5")
    wait(lambda: window.result is not None and window.result.model_name == "lenet5", "lenet5")
    window.load_model("fashion-cnn")
    wait(lambda: window.result is not None and window.result.model_name == "fashion-cnn",
         "fashion-cnn again")
    shown["top1"] = window.result.predictions[0].label
    shown["engine_pid"] = window.worker.engine.pid
    window.close()
    heavy = {name: name in sys.modules for name in ("tensorflow", "keras", "h5py")}
    print(json.dumps({"imported": heavy, "errors": errors, "shown": shown}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
