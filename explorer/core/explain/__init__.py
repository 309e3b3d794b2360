"""Why did the model say that: class activation maps, gradients and occlusion (numpy out).

* ``scores`` — the class score as a differentiable function of the input, replayed over the
  model graph: the pre-softmax logit where the model has one (the softmax of the output layer is
  left out on the replay, the user's model is never edited), taps at any layer, guided ReLUs.
* ``cams`` — Grad-CAM, Grad-CAM++, Score-CAM, Layer-CAM at a layer with spatial output.
* ``gradients`` — saliency, SmoothGrad, Integrated Gradients, guided backpropagation.
* ``occlusion`` — a grey patch slid over the image (Zeiler & Fergus).
* ``methods`` — the table of methods, the default layer, and :func:`methods.explain`.
"""
