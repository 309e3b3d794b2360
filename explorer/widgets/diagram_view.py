"""The Diagram tab: the model's architecture drawn as a layered graph, and a way to walk it.

The worker sends a laid-out diagram (``core.diagram``: boxes, polylines, group frames, computed
with grandalf off the GUI thread); this view only turns it into a ``QGraphicsScene``. A click on
a node selects its layer in every view; a double-click on a folded block (or on an open block's
frame) asks the worker for the layout with that block opened (or folded). The wheel zooms, a
drag pans, Fit shows everything. The selected layer's mean activation is drawn in its node.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyleOptionGraphicsItem,
    QVBoxLayout,
    QWidget,
)

from explorer.core.diagram import style
from explorer.core.diagram.layout import FONT_SIZE, LINE_HEIGHT, PAD_Y, THUMB_SLOT, visible_id
from explorer.core.diagram.png import MAX_SIDE
from explorer.core.diagram.svg import to_svg
from explorer.core.pixels.render import render_mean_map
from explorer.widgets.qimages import qimage_from_array

ZOOM_STEP = 1.15
MIN_ZOOM, MAX_ZOOM = 0.03, 4.0
TEXT_LOD = 0.35
"""Below this scale node texts are not drawn (a zoomed-out big model pans smoothly)."""


def _colour(rgb) -> QColor:
    return QColor(*rgb)


class NodeItem(QGraphicsItem):
    """One box: a layer (merges as pills) or a folded block (a double border).

    Args:
        box: the ``core.diagram.layout.NodeBox``.
    """

    def __init__(self, box):
        super().__init__()
        self.box = box
        self.selected = False
        self.thumbnail: QImage | None = None
        self.setPos(box.x, box.y)
        self.setToolTip(box.tooltip)
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._fill = QBrush(_colour(style.KIND_FILL[box.kind]))
        self._pen = QPen(_colour(style.KIND_STROKE[box.kind]),
                         2.0 if box.is_group or box.is_merge else 1.2)

    def thumb_rect(self) -> QRectF | None:
        """Where the thumbnail is drawn (the slot the layout kept at the box's right)."""
        if self.thumbnail is None or not self.selected or not self.box.thumb:
            return None
        side = min(THUMB_SLOT - 6, self.box.h - 10)
        return QRectF(self.box.w - THUMB_SLOT + 1, (self.box.h - side) / 2, side, side)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt naming
        return QRectF(-3, -3, self.box.w + 6, self.box.h + 6)

    def shape_rect(self) -> QRectF:
        return QRectF(0, 0, self.box.w, self.box.h)

    def set_selected(self, selected: bool, thumbnail: QImage | None = None) -> None:
        """Highlight (with the layer's thumbnail, when there is one) or not."""
        self.selected, self.thumbnail = selected, thumbnail if selected else None
        self.setZValue(10 if selected else 1)
        self.update()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        rect = self.shape_rect()
        radius = rect.height() / 2 if self.box.is_merge else 6
        pen = QPen(_colour(style.SELECTED), 3) if self.selected else self._pen
        painter.setPen(pen)
        painter.setBrush(self._fill)
        painter.drawRoundedRect(rect, radius, radius)
        if self.box.is_group:  # a folded block: a second border inside
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(self._pen.color(), 1))
            painter.drawRoundedRect(rect.adjusted(3, 3, -3, -3), 4, 4)
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        if lod < TEXT_LOD:
            return
        font = QFont(painter.font())
        font.setPixelSize(FONT_SIZE)
        target = self.thumb_rect()
        text_width = self.box.w - (THUMB_SLOT if target is not None else 0)
        for i, line in enumerate(self.box.lines):
            font.setBold(i == 0)
            painter.setFont(font)
            painter.setPen(_colour(style.TEXT if i == 0 else style.SECONDARY_TEXT))
            line_rect = QRectF(2, PAD_Y + i * LINE_HEIGHT, text_width - 4, LINE_HEIGHT)
            painter.drawText(line_rect, Qt.AlignmentFlag.AlignCenter, line)
        if target is not None:
            painter.drawImage(target, self.thumbnail)
            painter.setPen(QPen(_colour(style.SECONDARY_TEXT), 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(target)


class FrameItem(QGraphicsPathItem):
    """An open block's dashed frame; a double-click folds it."""

    def __init__(self, frame):
        super().__init__()
        self.frame = frame
        path = QPainterPath()
        path.addRoundedRect(QRectF(frame.x, frame.y, frame.w, frame.h), 8, 8)
        self.setPath(path)
        colour = _colour(style.MODEL_FRAME if frame.nested_model else style.FRAME)
        pen = QPen(colour, 1.2, Qt.PenStyle.DashLine)
        self.setPen(pen)
        self.setBrush(QBrush(QColor(colour.red(), colour.green(), colour.blue(), 12)))
        self.setZValue(-1 - frame.depth * 0.01)
        label = QGraphicsSimpleTextItem("▾ " + frame.name, self)
        font = QFont(label.font())
        font.setPixelSize(FONT_SIZE - 1)
        label.setFont(font)
        label.setBrush(QBrush(colour))
        label.setPos(frame.x + 6, frame.y - FONT_SIZE - 3)


def _edge_items(edge) -> list[QGraphicsItem]:
    colour = _colour(style.BYPASS if edge.bypass else style.EDGE)
    path = QPainterPath(QPointF(*edge.points[0]))
    for x, y in edge.points[1:]:
        path.lineTo(x, y)
    line = QGraphicsPathItem(path)
    pen = QPen(colour, 1.3, Qt.PenStyle.DashLine if edge.bypass else Qt.PenStyle.SolidLine)
    pen.setCosmetic(False)
    line.setPen(pen)
    line.setZValue(0)
    (x1, y1), (x0, y0) = edge.points[-1], edge.points[-2]
    length = max(1e-6, ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5)
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    size = 7.0
    head = QPolygonF([QPointF(x1, y1),
                      QPointF(x1 - size * ux + size * 0.45 * uy, y1 - size * uy - size * 0.45 * ux),
                      QPointF(x1 - size * ux - size * 0.45 * uy, y1 - size * uy + size * 0.45 * ux)])
    arrow = QGraphicsPathItem(line)
    arrow_path = QPainterPath()
    arrow_path.addPolygon(head)
    arrow_path.closeSubpath()
    arrow.setPath(arrow_path)
    arrow.setBrush(QBrush(colour))
    arrow.setPen(QPen(Qt.PenStyle.NoPen))
    items: list[QGraphicsItem] = [line]
    if edge.label:
        label = QGraphicsSimpleTextItem(edge.label, line)
        font = QFont(label.font())
        font.setPixelSize(FONT_SIZE - 2)
        label.setFont(font)
        label.setBrush(QBrush(_colour(style.SECONDARY_TEXT)))
        x, y = edge.points[0]
        label.setPos(x + 4, y + 1)
    return items


class DiagramCanvas(QGraphicsView):
    """The scene's view: wheel zoom under the cursor, drag to pan, clicks on nodes.

    Signals:
        node_clicked(str): a node's id.
        node_double_clicked(str): a node's id (a folded block opens).
        frame_double_clicked(str): an open block's id (it folds).
    """

    node_clicked = Signal(str)
    node_double_clicked = Signal(str)
    frame_double_clicked = Signal(str)

    def __init__(self, scene: QGraphicsScene, parent=None):
        super().__init__(scene, parent)
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing
                            | QPainter.RenderHint.SmoothPixmapTransform)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self.setBackgroundBrush(QBrush(Qt.GlobalColor.white))

    def zoom(self) -> float:
        """The current scale (1 = one layout unit per pixel)."""
        return self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        """Scale by ``factor``, kept between :data:`MIN_ZOOM` and :data:`MAX_ZOOM`."""
        factor = max(MIN_ZOOM / self.zoom(), min(MAX_ZOOM / self.zoom(), factor))
        self.scale(factor, factor)

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt naming
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(ZOOM_STEP ** steps)
        event.accept()

    def _item_at(self, pos):
        for item in self.items(pos):
            while item is not None and not isinstance(item, (NodeItem, FrameItem)):
                item = item.parentItem()
            if item is not None:
                return item
        return None

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt naming
        item = self._item_at(event.position().toPoint())
        if isinstance(item, NodeItem) and event.button() == Qt.MouseButton.LeftButton:
            self.node_clicked.emit(item.box.id)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802 - Qt naming
        item = self._item_at(event.position().toPoint())
        if isinstance(item, NodeItem):
            self.node_double_clicked.emit(item.box.id)
        elif isinstance(item, FrameItem):
            self.frame_double_clicked.emit(item.frame.id)
        event.accept()


class DiagramView(QWidget):
    """The Diagram tab.

    Signals:
        layer_selected(str): the path of the layer the user clicked (a folded block: its last
            layer, what the block outputs).
        expansion_requested(object): the ``frozenset`` of blocks to draw open.
    """

    layer_selected = Signal(str)
    expansion_requested = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model_name: str | None = None
        self.diagram = None
        self.layout = None
        self.items: dict[str, NodeItem] = {}
        self.selected_path: str | None = None
        self._selected_item: NodeItem | None = None
        self._activation = None
        self._focus: str | None = None
        self.scene = QGraphicsScene(self)
        self.canvas = DiagramCanvas(self.scene)
        self.canvas.node_clicked.connect(self._on_node_clicked)
        self.canvas.node_double_clicked.connect(self._on_node_double_clicked)
        self.canvas.frame_double_clicked.connect(self.fold)
        self.fit_button = QPushButton(self.tr("Fit"))
        self.fit_button.setToolTip(self.tr("Show the whole diagram"))
        self.fit_button.clicked.connect(self.fit)
        self.fold_button = QPushButton(self.tr("Fold all"))
        self.fold_button.setToolTip(self.tr("Draw every block as one node"))
        self.fold_button.clicked.connect(lambda: self.request_expansion(frozenset()))
        self.open_button = QPushButton(self.tr("Open all"))
        self.open_button.setToolTip(self.tr("Draw every layer of every block"))
        self.open_button.clicked.connect(self.open_all)
        self.svg_button = QPushButton(self.tr("Export SVG…"))
        self.svg_button.clicked.connect(self.choose_svg)
        self.png_button = QPushButton(self.tr("Export PNG…"))
        self.png_button.clicked.connect(self.choose_png)
        self.info = QLabel(self.tr("No model yet."))
        self.info.setWordWrap(True)
        self.info.setToolTip(self.tr("Click a layer to select it in every view; double-click "
                                     "a folded block to open it, an open block's frame to "
                                     "fold it; the wheel zooms, a drag pans."))
        bar = QHBoxLayout()
        for button in (self.fit_button, self.fold_button, self.open_button, self.svg_button,
                       self.png_button):
            bar.addWidget(button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.info)
        layout.addWidget(self.canvas, 1)
        self._set_enabled(False)

    # ------------------------------------------------------------------ content
    def _set_enabled(self, enabled: bool) -> None:
        for button in (self.fit_button, self.fold_button, self.open_button, self.svg_button,
                       self.png_button):
            button.setEnabled(enabled)

    def clear(self, message: str = "") -> None:
        """Forget the diagram (a new model is coming)."""
        self.scene.clear()
        self.items, self.diagram, self.layout, self.model_name = {}, None, None, None
        self._selected_item = None
        self._set_enabled(False)
        self.info.setText(message)

    def show_waiting(self) -> None:
        """Say the layout is being made."""
        self.info.setText(self.tr("Laying out the diagram…"))

    def show_diagram(self, model_name: str, diagram, layout) -> None:
        """Draw ``layout`` (of ``diagram``, the model ``model_name``)."""
        first = self.model_name != model_name
        self.scene.clear()
        self.model_name, self.diagram, self.layout = model_name, diagram, layout
        self.items = {}
        self._selected_item = None
        for frame in layout.groups:
            self.scene.addItem(FrameItem(frame))
        for edge in layout.edges:
            for item in _edge_items(edge):
                self.scene.addItem(item)
        for box in layout.nodes:
            item = NodeItem(box)
            item.setZValue(1)
            self.scene.addItem(item)
            self.items[box.id] = item
        self.scene.setSceneRect(QRectF(0, 0, layout.width, layout.height))
        self._set_enabled(True)
        self.fold_button.setEnabled(bool(diagram.groups))
        self.open_button.setEnabled(bool(diagram.groups))
        self.info.setText(self.tr("{layers} layers, {boxes} boxes, {open} of {blocks} blocks "
                                  "open; laid out in {seconds} s").format(
            layers=len(diagram.nodes), boxes=len(layout.nodes), open=len(layout.expanded),
            blocks=len(diagram.groups), seconds=f"{layout.seconds:.2f}"))
        if self.selected_path is not None:
            self.select_path(self.selected_path, self._activation, scroll=False)
        focus = self._focus if self._focus in self.items else None
        self._focus = None
        if first:
            self.start_view()
        elif focus is not None:
            self.canvas.centerOn(self.items[focus])
        elif self._selected_item is not None:
            self.canvas.centerOn(self._selected_item)

    def start_view(self) -> None:
        """A new model: readable boxes from the top (the whole drawing when it fits)."""
        self.canvas.resetTransform()
        if self.layout is None:
            return
        viewport = self.canvas.viewport().rect()
        fits = min(viewport.width() / max(1, self.layout.width),
                   viewport.height() / max(1, self.layout.height))
        scale = max(min(1.0, fits), min(1.0, 0.8 * viewport.width() / self.layout.width), 0.6)
        self.canvas.scale(scale, scale)
        self.canvas.centerOn(self.layout.width / 2, viewport.height() / scale / 2)

    def fit(self) -> None:
        """Show the whole drawing."""
        if self.layout is not None:
            self.canvas.fitInView(self.scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    # ------------------------------------------------------------------ selection
    def visible_node(self, path: str) -> str | None:
        """The drawn node that shows layer ``path`` (itself, or the folded block holding it)."""
        if self.diagram is None or path not in self.diagram.node_by_id:
            return None
        return visible_id(self.diagram, path, self.layout.expanded)

    def select_path(self, path: str, activation=None, scroll: bool = True) -> None:
        """Highlight the node of layer ``path`` (with its mean activation when given) and
        scroll to it; emits nothing."""
        self.selected_path, self._activation = path, activation
        if self._selected_item is not None:
            self._selected_item.set_selected(False)
            self._selected_item = None
        node = self.visible_node(path)
        item = self.items.get(node) if node else None
        if item is None:
            return
        thumb = None
        if node == path and activation is not None:
            rgba = render_mean_map(activation)
            thumb = qimage_from_array(rgba) if rgba is not None else None
        item.set_selected(True, thumb)
        self._selected_item = item
        if scroll:
            self.canvas.ensureVisible(item, 40, 40)

    def node_at(self, node_id: str) -> NodeItem | None:
        """The item drawn for ``node_id``."""
        return self.items.get(node_id)

    def _on_node_clicked(self, node_id: str) -> None:
        if self.diagram is None:
            return
        if node_id in self.diagram.group_by_id:
            path = self.diagram.group_by_id[node_id].members[-1]
        else:
            path = node_id
        self.select_path(path, None, scroll=False)
        self.layer_selected.emit(path)

    # ------------------------------------------------------------------ folding
    def request_expansion(self, expanded: frozenset) -> None:
        """Ask for the layout with ``expanded`` open."""
        if self.diagram is None or expanded == self.layout.expanded:
            return
        self.show_waiting()
        self.expansion_requested.emit(frozenset(expanded))

    def open_group(self, group_id: str) -> None:
        """Open block ``group_id`` (its inner blocks stay folded)."""
        if self.diagram is None or group_id not in self.diagram.group_by_id:
            return
        opened = set(self.layout.expanded) | {group_id} | set(self.diagram.ancestors(group_id))
        members = self.diagram.group_by_id[group_id].members
        self._focus = members[0]
        self.request_expansion(frozenset(opened))

    def fold(self, group_id: str) -> None:
        """Fold block ``group_id`` (and the blocks inside it) into one node."""
        if self.diagram is None:
            return
        self._focus = group_id
        self.request_expansion(frozenset(g for g in self.layout.expanded
                                         if g != group_id and not g.startswith(group_id + "/")))

    def open_all(self) -> None:
        """Open every block."""
        if self.diagram is not None:
            self.request_expansion(frozenset(g.id for g in self.diagram.groups))

    def _on_node_double_clicked(self, node_id: str) -> None:
        if self.diagram is not None and node_id in self.diagram.group_by_id:
            self.open_group(node_id)

    # ------------------------------------------------------------------ export
    def svg_bytes(self) -> bytes:
        """The drawing as SVG (``core.diagram.svg``, the same as ``cnn-explorer graph``)."""
        return to_svg(self.layout, self.model_name or "")

    def export_image(self, scale: float = 1.0) -> QImage:
        """The whole drawing as a ``QImage`` (File ▸ Save view, Export PNG)."""
        if self.layout is None:
            return self.canvas.grab().toImage()
        scale = min(scale, MAX_SIDE / max(self.layout.width, self.layout.height, 1))
        image = QImage(max(1, round(self.layout.width * scale)),
                       max(1, round(self.layout.height * scale)), QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing
                               | QPainter.RenderHint.TextAntialiasing)
        self.scene.render(painter, QRectF(image.rect()), self.scene.sceneRect())
        painter.end()
        return image

    def save_svg(self, path: str) -> None:
        """Write the SVG to ``path``."""
        Path(path).write_bytes(self.svg_bytes())

    def save_png(self, path: str) -> None:
        """Write the drawing as PNG to ``path`` (twice the layout's size, for sharp text)."""
        self.export_image(2.0).save(path, "PNG")

    def _target(self, title: str, suffix: str, name_filter: str) -> str | None:
        start = f"{self.model_name or 'model'}-diagram.{suffix}".replace("/", "_")
        path, _ = QFileDialog.getSaveFileName(self, title, start, name_filter)
        if not path:
            return None
        return path if path.lower().endswith("." + suffix) else f"{path}.{suffix}"

    def choose_svg(self) -> None:
        """Export SVG…: ask where, then write it."""
        path = self._target(self.tr("Export the diagram as SVG"), "svg", self.tr("SVG (*.svg)"))
        if path:
            self.save_svg(path)
            self.info.setText(self.tr("Saved {path}").format(path=path))

    def choose_png(self) -> None:
        """Export PNG…: ask where, then write it."""
        path = self._target(self.tr("Export the diagram as PNG"), "png", self.tr("PNG (*.png)"))
        if path:
            self.save_png(path)
            self.info.setText(self.tr("Saved {path}").format(path=path))
