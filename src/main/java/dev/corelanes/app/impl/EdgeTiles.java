package dev.corelanes.app.impl;

import dev.corelanes.app.canvas.CanvasSurface;
import dev.corelanes.view.EdgeDamage;
import dev.corelanes.view.Shape;
import dev.corelanes.view.TimelinePainter;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;

import java.util.ArrayList;
import java.util.List;

/**
 * A live run's growing edge painted on a grid of small canvases, each repainted only where the edge changed since
 * the last frame ({@link EdgeDamage}). With software rendering (a VM, a classroom projector) the screen repaints
 * every node under what changed: an edge layer as large as the lanes made each frame re-composite the whole
 * timeline pane, its rounded backgrounds and the key included, which a compute run on two CPUs measured as lost
 * time. A tile untouched keeps its pixels and costs nothing; one repainted is emptied and painted again with the
 * edge's shapes that reach it, through the one painter, shifted to the tile. A tile sits on whole device pixels,
 * so the edge looks the same as on one canvas. The grid covers only the band of the lanes (from the axis to the
 * last lane, where the edge's shapes are), so the key below them and the header above are never under a tile.
 */
final class EdgeTiles {

    /** A tile's side in device pixels: small enough that a frame repaints little, big enough to be few nodes. */
    static final int TILE = 128;

    private final ObservableList<Node> children;
    /** The node the tiles go right above (the still layer's canvas). */
    private final Node below;
    private Canvas[] tiles = new Canvas[0];
    private CanvasSurface[] surfaces = new CanvasSurface[0];
    private int cols;
    private int rows;
    private double zoom;
    private double width;
    private double height;
    /** The band the tiles cover, in device pixels: rows start at {@code top} and end at {@code bottom}. */
    private int top;
    private int bottom;
    /** What the tiles show, in layout pixels. */
    private List<Shape> shown = List.of();
    private long repaints;

    EdgeTiles(ObservableList<Node> children, Node below) {
        this.children = children;
        this.below = below;
    }

    /**
     * Shows {@code edge}, laid out for a canvas of {@code w} × {@code h} device pixels at zoom {@code z}: repaints
     * the tiles under what differs from the edge shown.
     */
    void paint(List<Shape> edge, double z, double w, double h) {
        List<EdgeDamage.Area> bounds = new ArrayList<>(edge.size());
        double y0 = Double.MAX_VALUE;
        double y1 = -Double.MAX_VALUE;
        for (Shape s : edge) {
            EdgeDamage.Area a = EdgeDamage.bounds(s);
            bounds.add(a);
            y0 = Math.min(y0, a.y0());
            y1 = Math.max(y1, a.y1());
        }
        int t = (int) Math.max(0, Math.floor(y0 * z));
        int b = (int) Math.min(Math.ceil(h), Math.ceil(y1 * z));
        boolean outside = !edge.isEmpty() && (t < top || b > bottom);
        if (z != zoom || w != width || h != height || outside) {
            // A new grid: the size or zoom changed, or the edge reaches past the band (the first frame, a new lane).
            clear();
            zoom = z;
            width = w;
            height = h;
            top = edge.isEmpty() ? 0 : t;
            bottom = edge.isEmpty() ? 0 : Math.max(t, b);
            cols = (int) Math.ceil(w / TILE);
            rows = (int) Math.ceil((double) (bottom - top) / TILE);
            tiles = new Canvas[cols * rows];
            surfaces = new CanvasSurface[cols * rows];
            make();
        }
        boolean[] dirty = new boolean[cols * rows];
        for (EdgeDamage.Area a : EdgeDamage.between(shown, edge)) {
            int c0 = Math.max(0, (int) Math.floor(a.x0() * z / TILE));
            int c1 = Math.min(cols - 1, (int) Math.floor(a.x1() * z / TILE));
            int r0 = Math.max(0, (int) Math.floor((a.y0() * z - top) / TILE));
            int r1 = Math.min(rows - 1, (int) Math.floor((a.y1() * z - top) / TILE));
            for (int r = r0; r <= r1; r++) {
                for (int c = c0; c <= c1; c++) {
                    dirty[r * cols + c] = true;
                }
            }
        }
        for (int i = 0; i < dirty.length; i++) {
            if (dirty[i]) {
                repaint(i, edge, bounds);
            }
        }
        shown = edge;
    }

    private void repaint(int i, List<Shape> edge, List<EdgeDamage.Area> bounds) {
        int c = i % cols;
        int r = i / cols;
        double x0 = (double) c * TILE / zoom;
        double y0 = (double) (top + r * TILE) / zoom;
        double x1 = (double) (c + 1) * TILE / zoom;
        double y1 = (double) (top + (r + 1) * TILE) / zoom;
        List<Shape> here = new ArrayList<>();
        for (int k = 0; k < edge.size(); k++) {
            if (bounds.get(k).intersects(x0, y0, x1, y1)) {
                here.add(edge.get(k));
            }
        }
        if (!tiles[i].isVisible()) {
            if (here.isEmpty()) {
                return; // nothing shown on this tile yet, and nothing to show
            }
            tiles[i].setVisible(true);
        }
        surfaces[i].clearAll();
        tiles[i].getGraphicsContext2D().setTransform(zoom, 0, 0, zoom, -c * TILE, -(top + r * TILE));
        TimelinePainter.paintShapes(here, surfaces[i]);
        repaints++;
    }

    /**
     * Puts the whole grid in the scene at once, every tile hidden until the edge first reaches it: a node added to the
     * scene graph in the middle of a run made the renderer repaint the whole pane around it (held against JavaFX's
     * pulse logger: 897×349 px of the lanes at 1280×720, ~14 ms of software rendering, in a frame that changed three
     * tiles), whereas a tile shown repaints only its own square. A hidden canvas holds no pixels and costs nothing to
     * draw.
     */
    private void make() {
        List<Node> grid = new ArrayList<>(tiles.length);
        for (int i = 0; i < tiles.length; i++) {
            int c = i % cols;
            int r = i / cols;
            Canvas t = new Canvas(Math.min(TILE, width - c * TILE), Math.min(TILE, bottom - top - r * TILE));
            t.setManaged(false);
            t.setMouseTransparent(true);
            t.setVisible(false);
            t.relocate(c * TILE, top + r * TILE);
            tiles[i] = t;
            surfaces[i] = new CanvasSurface(t.getGraphicsContext2D());
            grid.add(t);
        }
        children.addAll(children.indexOf(below) + 1, grid);
    }

    /** Removes every tile (the run ended, or the size or zoom changed): the still layer shows the whole picture. */
    void clear() {
        children.removeAll(List.of(tiles));
        tiles = new Canvas[0];
        surfaces = new CanvasSurface[0];
        cols = 0;
        rows = 0;
        zoom = 0;
        width = 0;
        height = 0;
        top = 0;
        bottom = 0;
        shown = List.of();
    }

    /** How many times a tile was painted (tests: a frame repaints few). */
    long repaints() {
        return repaints;
    }

    /** The tiles on screen: those the edge has reached (tests). */
    int count() {
        int n = 0;
        for (Canvas t : tiles) {
            n += t.isVisible() ? 1 : 0;
        }
        return n;
    }
}
