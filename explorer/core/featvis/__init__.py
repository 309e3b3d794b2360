"""Feature visualisation: an input optimised to excite a channel, a unit or a class.

``fourier`` holds the decorrelated image parametrisation (numpy for the spectrum's scale, TF
for the image), ``optimize`` the gradient ascent with transformation robustness and the
model's own preprocessing inside the graph, ``store`` the disk cache of finished images.
"""
