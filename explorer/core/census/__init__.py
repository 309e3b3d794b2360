"""A dataset census: what every channel of every layer does over a whole data set.

``stats`` (numpy accumulators), ``sources`` (the images, in a fixed order), ``run`` (the
``tf.data`` + ``tf.distribute`` pass; imports TensorFlow) and ``results`` (the folder; no
TensorFlow, so the window can reopen it).
"""
