"""Copy a trained model into resources/models/ with its model card, after measuring its test
accuracy on the official test set the same way `cnn-explorer evaluate` does.

Usage: python tools/bundle_model.py NAME MODEL.keras TRAINING_CARD.json DATA COMMAND
"""

import json
import sys
from pathlib import Path

import keras

from explorer.core.models.code import bundled_path
from explorer.core.models.files import card_path
from explorer.core.training import recipes as training_jobs


def main(name: str, model_file: str, training_card: str, data: str, command: str) -> None:
    card = json.loads(Path(training_card).read_text())
    model = keras.models.load_model(model_file, compile=False)
    res = training_jobs.evaluate_model(model, name, data)
    card.update({
        "command": command,
        "evaluate_command": f"cnn-explorer evaluate {name} --data {data}",
        "test_accuracy": round(res.accuracy, 4),
        "test_loss": round(res.loss, 4),
        "test_set": f"{res.source} (official test split, {res.count} images)",
        "params": int(model.count_params()),
        "preprocess": "rescale",
        "invert": "auto",
    })
    dest = bundled_path(name)
    dest.parent.mkdir(parents=True, exist_ok=True)
    model.save(dest)  # loaded with compile=False: no optimizer state, a third of the size
    card_path(dest).write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n")
    print(f"{name}: test accuracy {res.accuracy:.4f} on {res.count} images → {dest}")


if __name__ == "__main__":
    main(*sys.argv[1:6])
