"""A horizontal strip of thumbnails: the loaded images, and the gallery of bundled samples."""

from __future__ import annotations

from collections import deque

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QImageReader, QKeySequence, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListView, QListWidget, QListWidgetItem, QMenu

THUMB_SIDE = 72
_KEY_ROLE = Qt.ItemDataRole.UserRole


class ThumbnailStrip(QListWidget):
    """Thumbnails in one scrolling row; clicking one emits its key.

    A right-click opens a menu (Show, and Remove when ``removable``) on the thumbnail under
    the cursor without making it current; Delete removes the current one.

    Args:
        removable: whether the user may remove thumbnails (the loaded images, not the samples).

    Signals:
        chosen(str): the key of the thumbnail the user clicked.
        remove_requested(str): the user asked to remove the thumbnail of this key.
    """

    chosen = Signal(str)
    remove_requested = Signal(str)

    def __init__(self, parent=None, *, removable: bool = False):
        super().__init__(parent)
        self.removable = removable
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(False)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setIconSize(QSize(THUMB_SIDE, THUMB_SIDE))
        self.setGridSize(QSize(THUMB_SIDE + 28, THUMB_SIDE + 30))
        self.setMinimumHeight(THUMB_SIDE + 40)
        self.setUniformItemSizes(True)
        self.itemClicked.connect(lambda item: self.chosen.emit(item.data(_KEY_ROLE)))
        self.itemActivated.connect(lambda item: self.chosen.emit(item.data(_KEY_ROLE)))
        self._to_decode: deque[tuple[str, str]] = deque()  # (key, path) of add_file

    def add(self, key: str, label: str, pixmap: QPixmap, tooltip: str = "") -> None:
        """Append a thumbnail, or refresh the one already shown under ``key``."""
        item = self._item(key)
        if item is None:
            item = QListWidgetItem()
            item.setData(_KEY_ROLE, key)
            self.addItem(item)
        item.setIcon(QIcon(pixmap))
        item.setText(_elide(label))
        item.setToolTip(tooltip or label)

    def add_file(self, path: str, label: str, tooltip: str = "") -> None:
        """Append a thumbnail of the image file ``path`` (read by Qt), keyed by its path.

        Its label shows at once; the file is decoded later, one file per turn of the event
        loop, so that a gallery of photos never holds the window up (see :meth:`pending`)."""
        self.add(path, label, _placeholder(), tooltip)
        self._to_decode.append((path, path))
        if len(self._to_decode) == 1:
            QTimer.singleShot(0, self._decode_next)

    def pending(self) -> int:
        """Files of :meth:`add_file` not yet decoded."""
        return len(self._to_decode)

    def _decode_next(self) -> None:
        if not self._to_decode:
            return
        key, path = self._to_decode.popleft()
        item = self._item(key)
        if item is not None:
            item.setIcon(QIcon(_thumbnail(path)))
        if self._to_decode:
            QTimer.singleShot(0, self._decode_next)

    def remove(self, key: str) -> None:
        """Take the thumbnail of ``key`` away (no signal)."""
        item = self._item(key)
        if item is not None:
            self.takeItem(self.row(item))

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt naming
        """A right-click leaves the current thumbnail as it is (its menu does the rest)."""
        if event.button() == Qt.MouseButton.RightButton:
            event.accept()
            return
        super().mousePressEvent(event)

    def contextMenuEvent(self, event) -> None:  # noqa: N802 - Qt naming
        """Show / Remove for the thumbnail under the cursor."""
        item = self.itemAt(event.pos())
        if item is None:
            return
        key = item.data(_KEY_ROLE)
        menu = QMenu(self)
        menu.addAction(self.tr("Show"), lambda: self.chosen.emit(key))
        if self.removable:
            remove = menu.addAction(self.tr("Remove"), lambda: self.remove_requested.emit(key))
            remove.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.last_menu = menu  # for tests: the menu shown last
        menu.popup(event.globalPos())

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt naming
        """Delete (or Backspace) removes the current thumbnail when removable."""
        item = self.currentItem()
        if self.removable and item is not None and event.key() in (Qt.Key.Key_Delete,
                                                                   Qt.Key.Key_Backspace):
            self.remove_requested.emit(item.data(_KEY_ROLE))
            return
        super().keyPressEvent(event)

    def keys(self) -> list[str]:
        """Keys of the thumbnails, left to right."""
        return [self.item(row).data(_KEY_ROLE) for row in range(self.count())]

    def set_current(self, key: str) -> None:
        """Highlight the thumbnail of ``key`` without emitting :attr:`chosen`."""
        item = self._item(key)
        if item is not None:  # only clicks emit chosen, so no echo here
            self.setCurrentItem(item)
            self.scrollToItem(item)

    def _item(self, key: str) -> QListWidgetItem | None:
        for row in range(self.count()):
            if self.item(row).data(_KEY_ROLE) == key:
                return self.item(row)
        return None


def _placeholder() -> QPixmap:
    """A transparent thumbnail-sized picture until the file is decoded: with uniform item
    sizes the strip lays every item out like its first, so a first item without a picture
    (a null icon) cut every thumbnail to a sliver."""
    pixmap = QPixmap(THUMB_SIDE, THUMB_SIDE)
    pixmap.fill(Qt.GlobalColor.transparent)
    return pixmap


def _thumbnail(path: str) -> QPixmap:
    """``path`` decoded at about twice the thumbnail's size (a JPEG decoder then skips most of
    the work), then smoothly scaled to fit :data:`THUMB_SIDE`."""
    reader = QImageReader(path)
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and max(size.width(), size.height()) > 2 * THUMB_SIDE:
        reader.setScaledSize(size.scaled(2 * THUMB_SIDE, 2 * THUMB_SIDE,
                                         Qt.AspectRatioMode.KeepAspectRatio))
    return QPixmap.fromImage(reader.read()).scaled(
        THUMB_SIDE, THUMB_SIDE, Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation)


def _elide(label: str, limit: int = 14) -> str:
    return label if len(label) <= limit else label[:limit - 1] + "…"
