"""Run in a fresh process (logical devices must be set before TensorFlow starts): the same
census under the default strategy and under MirroredStrategy over two logical CPUs; prints JSON."""

import json
import sys

import tensorflow as tf

cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(
    cpu, [tf.config.LogicalDeviceConfiguration(), tf.config.LogicalDeviceConfiguration()])

from explorer.core.census.run import prepare  # noqa: E402
from explorer.core.graph.model_graph import ModelGraph  # noqa: E402
from explorer.core.models.loading import load_model  # noqa: E402

out = sys.argv[1]
mirrored = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])
with mirrored.scope():
    loaded = load_model("fashion-cnn")
graph = ModelGraph(loaded.model)
runs = {}
for name, strategy in (("default", tf.distribute.get_strategy()), ("mirrored", mirrored)):
    data = prepare(loaded, graph, "fashion-mnist", f"{out}/{name}", limit=150, batch_size=64,
                   strategy=strategy).run()
    runs[name] = {"replicas": strategy.num_replicas_in_sync, "images": data.images,
                  "accuracy": data.accuracy, "confusion": data.confusion.tolist(),
                  "layers": {p: {"mean": layer.mean.tolist(), "max": layer.max.tolist(),
                                 "top": layer.top_index.tolist(),
                                 "top_value": layer.top_value.tolist()}
                             for p, layer in data.layers.items()}}
print(json.dumps(runs))
