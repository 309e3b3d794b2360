"""Pixels in and out: reading images (every Pillow mode), fitting and preprocessing them for a
model, colour maps, and the one renderer of mosaics, kernel views and strips (numpy only)."""
