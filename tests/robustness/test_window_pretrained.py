"""A pretrained model picked in the window, with its weights from the Keras cache (issue 5).

``imagenet_keras_home`` fills this session's KERAS_HOME with MobileNet's ImageNet weights;
every socket that would reach past this machine is refused (and recorded), so a download
attempt fails the test instead of quietly succeeding.
"""

from __future__ import annotations

import ipaddress
import socket

import pytest
from PySide6.QtCore import Qt
from window_helpers import drop_files, wait_for_result, wait_idle

from explorer.core.predict import imagenet_class_names

pytestmark = pytest.mark.gui


def _loopback(host) -> bool:
    if host in ("localhost", "", None):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@pytest.fixture
def no_network(monkeypatch):
    """Refuse every connection and name look-up that is not for this machine; list them."""
    attempts = []
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def guard(address) -> None:
        host = address[0] if isinstance(address, tuple) else None
        if isinstance(address, tuple) and not _loopback(host):
            attempts.append(address)
            raise OSError(f"network blocked by the test: {address}")

    def connect(sock, address):
        guard(address)
        return real_connect(sock, address)

    def connect_ex(sock, address):
        guard(address)
        return real_connect_ex(sock, address)

    def getaddrinfo(host, *args, **kwargs):
        guard((host, 0))
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return attempts


def test_the_network_guard_refuses_the_internet(no_network):
    with pytest.raises(OSError, match="network blocked"):
        socket.create_connection(("storage.googleapis.com", 443), timeout=1)
    assert no_network == [("storage.googleapis.com", 0)]


def choose_in_picker(win, name: str) -> None:
    """Pick ``name`` in the toolbar's model box, as a click does."""
    picker = win.views.picker
    rows = [r for r in range(picker.model.rowCount())
            if picker.model.item(r).data(Qt.ItemDataRole.UserRole) == name]
    assert rows, f"{name} is not in the picker"
    picker.combo.setCurrentIndex(rows[0])
    picker.combo.activated.emit(rows[0])


def test_mobilenet_from_the_cache_names_grace_hopper_and_the_parrot(
        qtbot, imagenet_keras_home, no_network, shared_window, fixture_images):
    session, win = shared_window, shared_window.window
    count = len(session.boxes.boxes)
    choose_in_picker(win, "mobilenet")
    wait_for_result(qtbot, win, model="mobilenet")
    assert win.model.request.weights == "default"
    assert win.views.picker.combo.currentText().strip() == \
        win.views.picker.entry("mobilenet").title
    names = imagenet_class_names()
    for image, label, index in (("grace_hopper.bmp", "military_uniform", 652),
                                ("parrot.jpg", "macaw", 88)):
        assert names[index] == label  # Keras's class index
        drop_files(win, [fixture_images / image])
        result = wait_for_result(qtbot, win, image, "mobilenet")
        wait_idle(qtbot, win)
        best = result.predictions[0]
        print(f"\n{image} through mobilenet: {best.label} ({best.score:.3f})")
        assert (best.index, best.label) == (index, label), result.predictions[:3]
        assert win.views.predictions.shown()[0] == (label, float(best.score))
        assert result.prepared.fed_pixels.shape == (224, 224, 3)
        assert len(result.predictions) == 1000
    assert no_network == []  # the weights came from the cache
    assert len(session.boxes.boxes) == count
