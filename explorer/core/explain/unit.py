"""How one unit's value was computed, in numbers a learner can check — and which input pixels
change it most (the effective receptive field, Luo et al. 2016).

:func:`unit_arithmetic` takes the layer's input (from the one-pass activations) and weights and
recomputes the unit the way the layer does, term by term: a convolution's per-input-channel sums
of patch × kernel, plus the bias, then the activation; a pooling window and its winner or mean;
batch norm's ``(x − mean)/√(var + ε)·γ + β``; a dense unit's largest contributions; LRN's
neighbour sum; a merge's inputs. The recomputed value must equal the value the map shows.
"""

from __future__ import annotations

import numpy as np

from explorer.core.errors import ExplorerError
from explorer.core.explain.records import Term, UnitArithmetic  # noqa: F401 - re-exported
from explorer.core.graph import layer_math as lm
from explorer.core.graph.model_graph import ModelGraph
from explorer.core.graph.probe import output_key

TOP_TERMS = 8
"""Large layers list their largest contributions only (the rest are summed into one term)."""


def _input_of(graph: ModelGraph, step, activations, index: int = 0) -> np.ndarray:
    parent = graph.steps[step.parents[index]]
    out = next(j for j, v in enumerate(parent.outputs) if v is step.inputs[index])
    key = output_key(parent.path, out)
    if key not in activations:
        raise ExplorerError(f"The input of '{step.path}' ({key}) was not captured",
                            "Run the image with every layer captured")
    return np.asarray(activations[key], np.float64)


def _activate(op, pre: float) -> tuple[float, str]:
    name = lm.activation_name(op) or ""
    if name in ("", "linear"):
        return pre, ""
    import keras

    fn = op.activation if callable(getattr(op, "activation", None)) else None
    if fn is None:
        return pre, name
    return float(np.asarray(keras.ops.convert_to_numpy(fn(np.float32(pre))))), name


def _padded(x: np.ndarray, op, out_hw) -> tuple[np.ndarray, list[int]]:
    """The input zero-padded as TensorFlow pads it for "same" (before, after per axis)."""
    kernel, strides, padding, dilation = lm.window(op)
    before = []
    pads = []
    for axis in range(2):
        n, k, s, d = x.shape[axis], kernel[axis], strides[axis], dilation[axis]
        total = max((out_hw[axis] - 1) * s + (k - 1) * d + 1 - n, 0) if padding == "same" else 0
        before.append(total // 2)
        pads.append((total // 2, total - total // 2))
    return np.pad(x, pads + [(0, 0)]), before


def _patch(x, op, row, col, out_hw):
    kernel, strides, _, dilation = lm.window(op)
    xp, before = _padded(x, op, out_hw)
    r0, c0 = row * strides[0], col * strides[1]
    rows = r0 + np.arange(kernel[0]) * dilation[0]
    cols = c0 + np.arange(kernel[1]) * dilation[1]
    return xp[np.ix_(rows, cols)], (r0 - before[0], c0 - before[1])


def _top(terms: list[Term], keep: int = TOP_TERMS) -> list[Term]:
    if len(terms) <= keep:
        return terms
    ranked = sorted(terms, key=lambda t: -abs(t.value))
    rest = sum(t.value for t in ranked[keep:])
    return ranked[:keep] + [Term(f"the other {len(terms) - keep}", rest)]


def unit_arithmetic(graph: ModelGraph, activations, path: str, channel: int,
                    row: int | None = None, col: int | None = None) -> UnitArithmetic:
    """Recompute unit ``(row, col, channel)`` of layer ``path`` from its input and weights.

    Args:
        graph: the model's graph.
        activations: the one-pass outputs by key (batch axis dropped), every layer.
        path: the layer (path or unique name).
        channel: the channel (the unit, for a vector layer).
        row, col: the position (None for a vector layer).

    Raises:
        ExplorerError: a channel or position outside the layer, or a layer type whose
            arithmetic is not written out.
    """
    step = graph.find(path)
    op, name = step.op, type(step.op).__name__
    out = np.asarray(activations[output_key(step.path, 0)], np.float64)
    spatial = out.ndim == 3
    if not 0 <= channel < out.shape[-1]:
        raise ExplorerError(f"The layer '{step.path}' has no channel {channel}",
                            f"Pick a channel from 0 to {out.shape[-1] - 1}",
                            received=str(channel))
    if spatial:
        if row is None or col is None or not (0 <= row < out.shape[0] and
                                               0 <= col < out.shape[1]):
            raise ExplorerError(f"The layer '{step.path}' has no unit at ({row}, {col})",
                                f"Pick a row from 0 to {out.shape[0] - 1} and a column from 0 "
                                f"to {out.shape[1] - 1}", received=f"({row}, {col})")
        shown = float(out[row, col, channel])
    else:
        shown = float(out[..., channel].reshape(-1)[0]) if out.ndim > 1 else float(out[channel])
    rule = _RULES.get(name) or next((r for cls, r in _BASE_RULES if isinstance(op, cls)), None)
    if rule is None:
        raise ExplorerError(f"The arithmetic of a {name} layer is not written out",
                            "Pick a convolution, pooling, normalisation, dense, activation or "
                            "merge layer")
    kind, terms, pre, lines = rule(graph, step, activations, channel, row, col, out)
    value, act = _activate(op, pre) if name not in _ACTIVATIONS + ("InputLayer",) \
        else (pre, "")
    if act:
        lines.append(f"{act}({pre:.6g}) = {value:.6g}")
    return UnitArithmetic(step.path, channel, (row, col) if spatial else None, kind,
                          tuple(terms), pre, act, value, shown, tuple(lines))


# --------------------------------------------------------------------------- the rules
def _conv(graph, step, acts, ch, row, col, out):
    op = step.op
    x = _input_of(graph, step, acts)
    patch, (top, left) = _patch(x, op, row, col, out.shape[:2])
    kh, kw = patch.shape[:2]
    where = f"input rows {top}…{top + kh - 1}, columns {left}…{left + kw - 1}"
    name = type(op).__name__
    bias = float(np.asarray(op.bias)[ch]) if getattr(op, "use_bias", False) else 0.0
    if isinstance(op, lm.BaseSeparableConv):
        dw = np.asarray(op.depthwise_kernel, np.float64)
        pw = np.asarray(op.pointwise_kernel, np.float64)[0, 0]  # (C·M, out)
        m = dw.shape[3]
        inner = np.einsum("hwc,hwcm->cm", patch, dw).reshape(-1)  # (C·M,)
        terms = [Term(f"depthwise output {i}", float(inner[i] * pw[i, ch]))
                 for i in range(inner.size)]
        kind = "separable"
        lines = [f"{name}: depthwise {kh}×{kw} over {where} ({m} per channel), then 1×1 "
                 f"pointwise: Σ_i depthwise_i × pointwise[i, {ch}]"]
    elif isinstance(op, lm.BaseDepthwiseConv):
        kernel = np.asarray(op.kernel, np.float64)
        m = kernel.shape[3]
        c_in, k = divmod(ch, m)
        terms = [Term(f"input channel {c_in}", float((patch[..., c_in] * kernel[..., c_in, k])
                                                    .sum()))]
        kind = "depthwise"
        lines = [f"{name}: output {ch} = input channel {c_in} (multiplier {k}) × its "
                 f"{kh}×{kw} kernel over {where}"]
    else:
        kernel = np.asarray(op.kernel, np.float64)[..., ch]  # (kh, kw, C_in/groups)
        groups = getattr(op, "groups", 1) or 1
        per_group = kernel.shape[2]
        first = (ch // (out.shape[-1] // groups)) * per_group
        sums = (patch[..., first:first + per_group] * kernel).sum(axis=(0, 1))
        terms = [Term(f"input channel {first + i}", float(s)) for i, s in enumerate(sums)]
        kind = "conv"
        channels = f"{per_group} input channel" + ("s" if per_group != 1 else "")
        lines = [f"{name}: Σ over {where} and {channels} of patch × kernel[:, :, :, {ch}]"]
    terms = _top(terms)
    if getattr(op, "use_bias", False):
        terms.append(Term("bias", bias))
    pre = float(sum(t.value for t in terms))
    lines.append(" + ".join(f"{t.value:.6g}" for t in terms) + f" = {pre:.6g}")
    return kind, terms, pre, lines


def _pool(graph, step, acts, ch, row, col, out):
    op = step.op
    x = _input_of(graph, step, acts)[..., ch:ch + 1]
    kernel, strides, padding, _ = lm.window(op)
    xp, before = _padded(x, op, out.shape[:2])
    r0, c0 = row * strides[0], col * strides[1]
    window = xp[r0:r0 + kernel[0], c0:c0 + kernel[1], 0]
    inside = _inside(x.shape[:2], before, r0, c0, kernel)
    top, left = r0 - before[0], c0 - before[1]
    if "Max" in type(op).__name__:
        values = np.where(inside, window, -np.inf)
        r, c = np.unravel_index(np.argmax(values), values.shape)
        pre = float(values[r, c])
        terms = [Term(f"input ({top + r}, {left + c}) wins", pre)]
        lines = [f"max over the {kernel[0]}×{kernel[1]} window at input ({top}, {left}): the "
                 f"largest is at ({top + r}, {left + c}) = {pre:.6g}"]
        return "max pool", terms, pre, lines
    count = int(inside.sum())
    pre = float(window[inside].sum() / count)
    terms = [Term(f"sum of {count} inputs", float(window[inside].sum()))]
    lines = [f"mean of the {count} input values in the {kernel[0]}×{kernel[1]} window at "
             f"({top}, {left}) (padding not counted) = {pre:.6g}"]
    return "average pool", terms, pre, lines


def _inside(shape, before, r0, c0, kernel) -> np.ndarray:
    rows = np.arange(r0, r0 + kernel[0]) - before[0]
    cols = np.arange(c0, c0 + kernel[1]) - before[1]
    return ((rows >= 0) & (rows < shape[0]))[:, None] & ((cols >= 0) & (cols < shape[1]))[None]


def _global_pool(graph, step, acts, ch, row, col, out):
    x = _input_of(graph, step, acts)[..., ch]
    if "Max" in type(step.op).__name__:
        pre = float(x.max())
        r, c = np.unravel_index(np.argmax(x), x.shape)
        return "global max pool", [Term(f"input ({r}, {c}) wins", pre)], pre, [
            f"max over all {x.size} positions of channel {ch}: ({r}, {c}) = {pre:.6g}"]
    pre = float(x.mean())
    return "global average pool", [Term(f"sum of {x.size} values", float(x.sum()))], pre, [
        f"mean of channel {ch} over all {x.size} positions = {float(x.sum()):.6g} / {x.size} "
        f"= {pre:.6g}"]


def _at(x, row, col):
    """The channel vector at ``(row, col)``; a 1×1 input (an SE gate) broadcasts."""
    if x.ndim != 3:
        return x
    return x[row if x.shape[0] > 1 else 0, col if x.shape[1] > 1 else 0]


def _batch_norm(graph, step, acts, ch, row, col, out):
    op = step.op
    xv = float(_at(_input_of(graph, step, acts), row, col)[ch])
    mean = float(np.asarray(op.moving_mean)[ch])
    var = float(np.asarray(op.moving_variance)[ch])
    gamma = float(np.asarray(op.gamma)[ch]) if op.scale else 1.0
    beta = float(np.asarray(op.beta)[ch]) if op.center else 0.0
    pre = (xv - mean) / np.sqrt(var + op.epsilon) * gamma + beta
    lines = [f"(x − mean)/√(var + ε)·γ + β = ({xv:.6g} − {mean:.6g})/√({var:.6g} + "
             f"{op.epsilon:g})·{gamma:.6g} + {beta:.6g} = {pre:.6g}"]
    return "batch norm", [Term("x", xv), Term("mean", mean), Term("var", var),
                          Term("gamma", gamma), Term("beta", beta)], float(pre), lines


def _lrn(graph, step, acts, ch, row, col, out):
    op = step.op
    x = _at(_input_of(graph, step, acts), row, col)
    lo, hi = max(0, ch - op.depth_radius), min(x.size, ch + op.depth_radius + 1)
    squares = float((x[lo:hi] ** 2).sum())
    pre = float(x[ch] / (op.bias + op.alpha * squares) ** op.beta)
    lines = [f"a / (k + α·Σ a²)^β over channels {lo}…{hi - 1}: {x[ch]:.6g} / ({op.bias:g} + "
             f"{op.alpha:g}·{squares:.6g})^{op.beta:g} = {pre:.6g}"]
    return "local response norm", [Term("a", float(x[ch])), Term("Σ a²", squares)], pre, lines


def _dense(graph, step, acts, ch, row, col, out):
    op = step.op
    x = _input_of(graph, step, acts).reshape(-1)
    w = np.asarray(op.kernel, np.float64)[:, ch]
    terms = _top([Term(f"input {i}", float(x[i] * w[i])) for i in range(x.size)])
    if op.use_bias:
        terms.append(Term("bias", float(np.asarray(op.bias)[ch])))
    pre = float(sum(t.value for t in terms))
    lines = [f"Dense: Σ_i input_i × W[i, {ch}] + bias over {x.size} inputs; largest terms:",
             " + ".join(f"{t.value:.6g}" for t in terms) + f" = {pre:.6g}"]
    return "dense", terms, pre, lines


def _activation(graph, step, acts, ch, row, col, out):
    op = step.op
    xv = float(_at(_input_of(graph, step, acts), row, col)[ch])
    import keras

    if type(op).__name__ == "ReLU":
        y = float(np.asarray(keras.ops.convert_to_numpy(op(np.float32([xv])))).reshape(-1)[0])
    else:
        y = float(np.asarray(keras.ops.convert_to_numpy(op.activation(np.float32(xv)))))
    name = lm.activation_name(op) or type(op).__name__
    return "activation", [Term("x", xv)], y, [f"{name}({xv:.6g}) = {y:.6g}"]


def _identity(graph, step, acts, ch, row, col, out):
    xv = float(_at(_input_of(graph, step, acts), row, col)[ch])
    note = ("inactive at inference: the value passes unchanged" if type(step.op).__name__ ==
            "Dropout" else "the value passes unchanged")
    return type(step.op).__name__.lower(), [Term("x", xv)], xv, [f"{note}: {xv:.6g}"]


def _merge(graph, step, acts, ch, row, col, out):
    name = type(step.op).__name__
    inputs = [_input_of(graph, step, acts, i) for i in range(len(step.inputs))]
    paths = [graph.steps[p].path for p in step.parents]
    if name == "Concatenate":
        offset = 0
        for x, p in zip(inputs, paths):
            if ch < offset + x.shape[-1]:
                v = float(_at(x, row, col)[ch - offset])
                return "concatenate", [Term(p, v)], v, [
                    f"channel {ch} is channel {ch - offset} of {p} = {v:.6g}"]
            offset += x.shape[-1]
    values = []
    for x in inputs:
        v = _at(x, row, col) if x.ndim == 3 else x.reshape(-1)
        values.append(float(v[ch] if v.size > ch else v.reshape(-1)[0]))
    terms = [Term(p, v) for p, v in zip(paths, values)]
    if name == "Multiply":
        pre = float(np.prod(values))
        return "multiply", terms, pre, [" × ".join(f"{v:.6g}" for v in values) + f" = {pre:.6g}"]
    pre = float(sum(values))
    return name.lower(), terms, pre, [" + ".join(f"{v:.6g}" for v in values) + f" = {pre:.6g}"]


def _padding(graph, step, acts, ch, row, col, out):
    op, name = step.op, type(step.op).__name__
    x = _input_of(graph, step, acts)
    pairs = lm.padding_pairs(op.padding if name.startswith("Zero") else op.cropping, 2)
    sign = -1 if name.startswith("Zero") else 1
    r, c = row + sign * pairs[0][0], col + sign * pairs[1][0]
    if 0 <= r < x.shape[0] and 0 <= c < x.shape[1]:
        v = float(x[r, c, ch])
        return name.lower(), [Term(f"input ({r}, {c})", v)], v, [f"input ({r}, {c}) = {v:.6g}"]
    return name.lower(), [], 0.0, ["a padding pixel: 0"]


def _rescaling(graph, step, acts, ch, row, col, out):
    op = step.op
    xv = float(_at(_input_of(graph, step, acts), row, col)[ch])
    scale = float(np.asarray(op.scale).reshape(-1)[ch % np.size(op.scale)])
    offset = float(np.asarray(op.offset).reshape(-1)[ch % np.size(op.offset)])
    pre = xv * scale + offset
    return "rescaling", [Term("x", xv)], pre, [f"{xv:.6g} × {scale:g} + {offset:g} = {pre:.6g}"]


def _depth_pool(graph, step, acts, ch, row, col, out):
    x = _at(_input_of(graph, step, acts), row, col)
    k = step.op.pool_size
    group = x[ch * k:(ch + 1) * k]
    i = int(np.argmax(group))
    return "depthwise max pool", [Term(f"input channel {ch * k + i} wins", float(group[i]))], \
        float(group[i]), [f"max of input channels {ch * k}…{ch * k + k - 1}: channel "
                          f"{ch * k + i} = {float(group[i]):.6g}"]


def _reshape(graph, step, acts, ch, row, col, out):
    x = _input_of(graph, step, acts).reshape(-1)
    where = (row, col, ch) if out.ndim == 3 else (ch,) if out.ndim == 1 else None
    if where is None:
        raise ExplorerError(f"The arithmetic of '{step.path}' is not written out")
    flat = int(np.ravel_multi_index(where, out.shape))
    v = float(x[flat])
    return type(step.op).__name__.lower(), [Term(f"input value {flat}", v)], v, [
        f"the same numbers in another shape: value {flat} of the input, row by row = {v:.6g}"]


def _input(graph, step, acts, ch, row, col, out):
    v = float(out[row, col, ch]) if out.ndim == 3 else float(out.reshape(-1)[ch])
    return "input", [Term("pixel", v)], v, [f"the fed tensor's value: {v:.6g}"]


_ACTIVATIONS = ("Activation", "ReLU", "LeakyReLU", "ELU", "Softmax", "PReLU")
_RULES = {"BatchNormalization": _batch_norm, "LocalResponseNormalization": _lrn,
          "Dense": _dense, "Activation": _activation, "ReLU": _activation,
          "LeakyReLU": _activation, "ELU": _activation, "Dropout": _identity,
          "Add": _merge, "Concatenate": _merge, "Multiply": _merge, "Subtract": _merge,
          "Average": _merge, "ZeroPadding2D": _padding, "Cropping2D": _padding,
          "Rescaling": _rescaling, "DepthwiseMaxPool": _depth_pool,
          "GlobalAveragePooling2D": _global_pool, "GlobalMaxPooling2D": _global_pool,
          "Reshape": _reshape, "Flatten": _reshape, "InputLayer": _input}
_BASE_RULES = ((lm.BaseConvTranspose, None), (lm.BaseSeparableConv, _conv),
               (lm.BaseDepthwiseConv, _conv), (lm.BaseConv, _conv), (lm.BasePooling, _pool))


def effective_field(graph: ModelGraph, x: np.ndarray, path: str, channel: int, row: int,
                    col: int) -> np.ndarray:
    """``|∂ unit / ∂ input|`` (max over colour channels), normalised to 0..1: which pixels
    move this unit's value most (Luo et al. 2016). One forward and one backward pass, in a
    ``tf.function`` traced once per layer (the unit is an argument)."""
    import tensorflow as tf

    step = graph.find(path)
    function = _FIELD_FUNCTIONS.get((id(graph), step.path))
    if function is None:
        function = _field_function(graph, step.path)
        _FIELD_FUNCTIONS[(id(graph), step.path)] = function
        while len(_FIELD_FUNCTIONS) > 32:
            del _FIELD_FUNCTIONS[next(iter(_FIELD_FUNCTIONS))]
    grad = np.abs(function(tf.convert_to_tensor(np.asarray(x, np.float32)),
                           tf.constant([row, col, channel], tf.int32)).numpy()[0])
    heat = grad.max(axis=-1) if grad.ndim == 3 else grad
    top = float(heat.max())
    return (heat / top if top > 0 else heat).astype(np.float32)


_FIELD_FUNCTIONS: dict = {}


def _field_function(graph: ModelGraph, path: str):
    import tensorflow as tf

    from explorer.core.graph.walk import inference_call, walk

    spec = tf.TensorSpec(tuple(graph.inputs[0].shape), graph.inputs[0].dtype or "float32")

    @tf.function(input_signature=[spec, tf.TensorSpec([3], tf.int32)])
    def gradient(x, where):
        with tf.GradientTape() as tape:
            tape.watch(x)
            steps, _ = walk(graph.model, [x], inference_call)
            out = next(s for s in steps if s.path == path).outputs[0]
            value = tf.reduce_sum(out[:, where[0], where[1], where[2]])
        return tape.gradient(value, x)

    return gradient
