"""Feature visualisation does what it claims, on real trained models: a class's image is that
class for the model, a channel's image excites the channel far more than photos, a seed fixes
the image. Step counts are kept low (the benchmark measures the defaults)."""

from __future__ import annotations

import numpy as np
import pytest

from explorer.core.errors import Cancelled, ExplorerError
from explorer.core.featvis.optimize import make_objective, visualize
from explorer.core.pixels.images import load_image
from explorer.core.pixels.preprocess import pixels_to_tensor
from explorer.core.predict import prepare

FOOTWEAR = {5, 7, 9}  # sandal, sneaker, ankle boot
PHOTOS = ("cat.bmp", "bird.bmp", "sunflower.bmp", "grace_hopper.bmp", "parrot.jpg")


def _top1(case, image) -> int:
    """The model's own top-1 for the optimised image fed as it is (already at the model's
    size: only its scaling and layout, the project's numpy path, not the optimiser's)."""
    out = case.loaded.model.predict(pixels_to_tensor(image, case.loaded.spec), verbose=0)
    return int(np.argmax(out))


def _vis(case, steps, **kw):
    objective = make_objective(case.graph, kw.pop("layer", None), kw.pop("channel", None),
                               kw.pop("class_index", None))
    return visualize(case.graph, case.loaded.spec, objective, steps=steps,
                     score_function=case.scores, **kw)


def test_fashion_class_images_are_their_class(fashion):
    hits, misses = [], {}
    for cls in range(10):
        vis = _vis(fashion, 64, class_index=cls, seed=1)
        assert vis.image.shape == (28, 28, 1) and vis.image.dtype == np.uint8
        assert vis.score_kind == "logit" and vis.curve[-1] > vis.curve[0]
        top = _top1(fashion, vis.image)
        (hits.append(cls) if top == cls else misses.__setitem__(cls, top))
    print(f"fashion-cnn class top-1 at 64 steps: {len(hits)}/10; misses {misses}")
    assert len(hits) >= 8
    assert all(c in FOOTWEAR and t in FOOTWEAR for c, t in misses.items())


def test_mobilenet_class_images_are_their_class(mobilenet):
    for cls in (1, 130, 951):  # goldfish, flamingo, lemon
        vis = _vis(mobilenet, 24, class_index=cls, seed=0)
        assert vis.image.shape == (224, 224, 3)
        top = _top1(mobilenet, vis.image)
        print(f"mobilenet class {cls}: top-1 {top}, logit {vis.curve[-1]:.1f}")
        assert top == cls


def _channel_mean(case, tensor, layer, channel) -> float:
    import keras

    sub = keras.Model(case.loaded.model.inputs, case.loaded.model.get_layer(layer).output)
    return float(np.asarray(sub(tensor))[0, ..., channel].mean())


@pytest.mark.parametrize("model, layer, channel, steps",
                         [("fashion", "conv2b", 1, 48), ("mobilenet", "conv_pw_6_bn", 2, 24)])
def test_a_channel_image_excites_its_channel_far_more_than_photos(
        request, fixture_images, model, layer, channel, steps):
    case = request.getfixturevalue(model)
    vis = _vis(case, steps, layer=layer, channel=channel, seed=0)
    own = _channel_mean(case, pixels_to_tensor(vis.image, case.loaded.spec), layer, channel)
    photos = [_channel_mean(case, prepare(case.loaded, load_image(fixture_images / p)).tensor,
                            layer, channel) for p in PHOTOS]
    ratio = own / max(photos)
    print(f"{model} {layer}[{channel}]: visualisation {own:.3g}, photos "
          f"{[round(p, 3) for p in photos]}, ratio {ratio:.1f}×")
    assert max(photos) > 0 and ratio >= 10


def test_the_same_seed_gives_the_same_image(fashion):
    a = _vis(fashion, 6, layer="conv1", channel=2, seed=5)
    b = _vis(fashion, 6, layer="conv1", channel=2, seed=5)
    c = _vis(fashion, 6, layer="conv1", channel=2, seed=6)
    assert np.array_equal(a.image, b.image) and np.array_equal(a.curve, b.curve)
    assert not np.array_equal(a.image, c.image)


def test_a_unit_and_a_dense_unit_can_be_visualised(fashion):
    objective = make_objective(fashion.graph, "conv2a", 1, unit=(7, 7))
    vis = visualize(fashion.graph, fashion.loaded.spec, objective, steps=4,
                    score_function=fashion.scores, size=32)
    assert vis.image.shape == (32, 32, 1) and objective.kind == "unit"
    assert _vis(fashion, 3, layer="fc1", channel=0).curve.shape == (3,)


def test_progress_is_reported_and_cancel_stops(fashion):
    seen = []
    _vis(fashion, 5, layer="conv1", channel=0, progress=lambda d, t, v: seen.append((d, t)))
    assert seen == [(i, 5) for i in range(1, 6)]
    with pytest.raises(Cancelled):
        _vis(fashion, 50, layer="conv1", channel=0, cancel=lambda: len(seen) > 7,
             progress=lambda d, t, v: seen.append(d))


@pytest.mark.parametrize("kw", [dict(), dict(layer="conv1", channel=64),
                                dict(layer="conv1", channel=0, class_index=1),
                                dict(class_index=10), dict(layer="flatten", channel=0, unit=(0, 0))])
def test_bad_requests_are_user_errors(fashion, kw):
    with pytest.raises(ExplorerError):
        make_objective(fashion.graph, kw.get("layer"), kw.get("channel"), kw.get("class_index"),
                       kw.get("unit"), class_count=10)
