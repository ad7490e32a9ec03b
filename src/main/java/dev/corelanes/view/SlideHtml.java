package dev.corelanes.view;

import dev.corelanes.engine.files.AtomicFiles;
import dev.corelanes.engine.FigureText;
import dev.corelanes.engine.RunFigures;
import dev.corelanes.engine.files.OutputFileException;
import dev.corelanes.engine.Span;
import dev.corelanes.engine.TaskStatus;
import dev.corelanes.engine.Trace;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A slide as one self-contained, offline HTML page for students who install nothing: the very SVG the
 * {@link SvgSurface} draws (no second drawing path), a table of the runs' figures, a hover record for
 * every span (its place on the slide and what it was), and a few lines of inline script for hover details,
 * zoom (wheel, + and −) and pan (drag, arrows). No external file, font, script or URL: it opens from a
 * USB stick or a course page in any current browser. The page is also well-formed XML, so tests parse it.
 */
public final class SlideHtml {

    private SlideHtml() {
    }

    public static void write(Slide.Composed slide, Path file) throws OutputFileException {
        AtomicFiles.write(file, content(slide));
    }

    /**
     * The page's content, written as it is made: the hover records (one per span, 800 000 in the densest run) go
     * straight to the file, never into one string — a page built in memory ran a 512 MiB heap out.
     */
    public static AtomicFiles.Content content(Slide.Composed slide) {
        return out -> {
            java.io.Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8),
                    64 * 1024);
            try {
                page(slide, new Page(w));
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
            w.flush();
        };
    }

    public static String html(Slide.Composed slide) {
        java.io.StringWriter w = new java.io.StringWriter();
        page(slide, new Page(w));
        return w.toString();
    }

    /** Appends to a writer; a failed write is unchecked here and checked again by {@link #content}. */
    private static final class Page {
        private final java.io.Writer w;

        Page(java.io.Writer w) {
            this.w = w;
        }

        Page append(String s) {
            try {
                w.write(s);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return this;
        }

        Page append(char c) {
            try {
                w.write(c);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return this;
        }

        Page append(int i) {
            return append(Integer.toString(i));
        }
    }

    private static void page(Slide.Composed slide, Page b) {
        List<Slide.Run> runs = slide.panels().stream().map(Slide.Placed::run).toList();
        String title = Slide.title(runs);
        // Inline SVG needs no namespace declaration; leaving it out keeps the page free of any URL.
        String svg = SlideFiles.svg(slide.frame()).replaceFirst(" xmlns=\"http://www\\.w3\\.org/2000/svg\"", "");
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
                .append("<meta name=\"generator\" content=\"CoreLanes\" />\n")
                .append("<title>").append(escape(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n")
                .append("<h1>").append(escape(title)).append("</h1>\n");
        figures(b, runs);
        b.append("<p class=\"help\">Hover a bar for its details. Wheel or + / − zooms, drag or arrow keys pan, ")
                .append("double-click or 0 resets.</p>\n");
        b.append("<div id=\"slide\" tabindex=\"0\">\n").append(svg).append("</div>\n");
        svg = null; // not kept while the hover records are written
        b.append("<div id=\"tip\" role=\"tooltip\" hidden=\"hidden\"></div>\n");
        b.append("<script type=\"application/json\" id=\"spans\">\n");
        spans(b, slide);
        // Written as well-formed XML too (polyglot): the script sits in a CDATA section that JS reads as comments.
        b.append("</script>\n<script>\n//<![CDATA[\n").append(SCRIPT).append("//]]>\n</script>\n</body>\n</html>\n");
    }

    /** The runs' figures: the same numbers the slide's run lines show, as a table. */
    private static void figures(Page b, List<Slide.Run> runs) {
        List<Trace> traces = runs.stream().map(Slide.Run::trace).toList();
        b.append("<table id=\"figures\">\n<thead><tr><th>run</th><th>status</th><th>wall</th><th>ideal</th><th>CPU</th>")
                .append("<th>tasks' CPU</th><th>runtime CPU</th>")
                .append("<th>cores</th><th>at a time</th><th>speedup</th><th>efficiency</th></tr></thead>\n<tbody>\n");
        for (Slide.Run r : runs) {
            Trace t = r.trace();
            // The same figures, baseline and wording as the slide's run lines (one source: RunFigures).
            RunFigures f = RunFigures.of(t);
            b.append("<tr><td>").append(escape(Slide.model(t.spec()) + " · " + Slide.workload(t.spec())))
                    .append("</td><td>").append(escape(t.status().id() + (t.message().isEmpty() ? "" : ": " + t.message())))
                    .append("</td><td>").append(escape(FigureText.seconds(f.wallSeconds())))
                    .append("</td><td>").append(escape(FigureText.seconds(f.idealSeconds())))
                    .append("</td><td>").append(escape(FigureText.seconds(f.cpuSeconds())))
                    // Apart: the tasks' own code, and the runtime's work around it (threads, JIT, GC, start-up).
                    .append("</td><td>").append(escape(withReason(FigureText.taskCpuCell(f), f)))
                    .append("</td><td>").append(escape(withReason(FigureText.runtimeCpuCell(f), f)))
                    // The cores the run could use, as the title says them; then how many tasks ran at once
                    // (a sequential run on 2 cores: "2 cores", "1 task at a time").
                    .append("</td><td>").append(escape(FigureText.cores(t.machine())))
                    .append("</td><td>").append(escape(FigureText.atATime(f)))
                    .append("</td><td>").append(escape(FigureText.speedup(f)))
                    .append("</td><td>").append(escape(FigureText.efficiency(f))).append("</td></tr>\n");
        }
        b.append("</tbody>\n</table>\n");
        // Every machine the runs were measured on, in the order they first appear (runs from two machines name both).
        java.util.LinkedHashSet<String> machines = new java.util.LinkedHashSet<>();
        for (Trace t : traces) {
            machines.add(t.machine().hardwareLine() + " · " + t.machine().java());
        }
        b.append("<p class=\"machine\">").append(escape(String.join(" | ", machines))).append("</p>\n");
    }

    /** A dash says why: "— (virtual threads' own CPU time was not measured …)". */
    private static String withReason(String cell, RunFigures f) {
        return cell.equals(FigureText.DASH) ? cell + " (" + f.cpuSplit().unknownReason() + ")" : cell;
    }

    /** One record per span drawn: [x, y, w, h, "what"] in slide pixels, written one by one. */
    private static void spans(Page b, Slide.Composed slide) {
        b.append('[');
        boolean firstRecord = true;
        StringBuilder record = new StringBuilder(256);
        for (Slide.Placed p : slide.panels()) {
            TimelineFrame panel = p.panel();
            for (TimelineFrame.Lane lane : panel.lanes()) {
                SpanTrack track = lane.track();
                if (track == null) {
                    continue;
                }
                for (int i = 0; i < track.size(); i++) {
                    Span s = track.get(i);
                    double x0 = panel.xAt(s.startNanos());
                    double x1 = panel.xAt(s.endNanos());
                    record.setLength(0);
                    record.append(firstRecord ? "\n" : ",\n");
                    firstRecord = false;
                    record.append(String.format(Locale.ROOT, "[%.2f,%.2f,%.2f,%.2f,", p.dx() + x0, p.dy() + lane.y(),
                            Math.max(1, x1 - x0), lane.h()));
                    jsonString(record, describe(s, p.run().trace()));
                    record.append(']');
                    b.append(record.toString());
                }
            }
        }
        b.append("\n]\n");
    }

    /** "task 3 · running on CPU 1 · 0.1200 s → 0.1248 s (4.80 ms) · worker T3 · Threads". */
    static String describe(Span s, Trace t) {
        String who = s.state() == dev.corelanes.engine.SpanState.UNCERTAIN ? "uncertain"
                : s.task() == Span.NO_TASK ? "worker " + s.worker() : "task " + s.task();
        String what = switch (s.state()) {
            case RUNNING -> s.hasCore() ? "running on CPU " + s.core() : "running (CPU unknown)";
            case UNCERTAIN -> "CPU " + s.core() + " changed hands here; which of the two tasks ran is unknown";
            default -> Palette.stateLabel(s);
        };
        // Hover details are read zoomed in: where on the axis to the 0.1 ms; the duration as every duration is
        // written (three significant digits).
        String span = String.format(Locale.ROOT, "%.4f s → %.4f s (%s)", s.startNanos() / 1e9, s.endNanos() / 1e9,
                FigureText.nanos(s.durationNanos()));
        return who + " · " + what + " · " + span + (s.task() == Span.NO_TASK ? "" : " · worker " + s.worker())
                + " · " + t.spec().mode().label();
    }

    private static void jsonString(StringBuilder b, String s) {
        b.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                // Never a '<' inside a script element: "</script>" in a worker name must not end it.
                case '<', '>', '&', '\u2028', '\u2029' -> b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static final String CSS = """
            body { font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; margin: 16px; color: #222; }
            h1 { font-size: 20px; margin: 0 0 8px; }
            table { border-collapse: collapse; font-size: 14px; margin-bottom: 6px; }
            th, td { border-bottom: 1px solid #ddd; padding: 3px 10px 3px 0; text-align: left; }
            .machine, .help { color: #666; font-size: 13px; margin: 4px 0; }
            #slide { border: 1px solid #ccc; overflow: hidden; cursor: grab; max-width: 100%; }
            #slide:focus { outline: 2px solid #0072B2; }
            #slide svg { display: block; width: 100%; height: auto; user-select: none; }
            #tip { position: fixed; pointer-events: none; background: #111; color: #fff; font-size: 13px;
                   padding: 4px 7px; border-radius: 4px; max-width: 420px; }
            """;

    private static final String SCRIPT = """
            (function () {
              "use strict";
              var box = document.getElementById("slide");
              var svg = box.querySelector("svg");
              var tip = document.getElementById("tip");
              var spans = JSON.parse(document.getElementById("spans").textContent);
              var W = svg.viewBox.baseVal.width, H = svg.viewBox.baseVal.height;
              var vb = { x: 0, y: 0, w: W, h: H };
              var mark = svg.querySelector("rect").cloneNode(false);
              mark.setAttribute("fill", "none");
              mark.setAttribute("stroke", "#111");
              mark.setAttribute("stroke-width", "2");
              mark.removeAttribute("fill-opacity");
              mark.style.display = "none";
              svg.appendChild(mark);
              function apply() {
                vb.w = Math.min(W, Math.max(W / 400, vb.w));
                vb.h = vb.w * H / W;
                vb.x = Math.min(W - vb.w, Math.max(0, vb.x));
                vb.y = Math.min(H - vb.h, Math.max(0, vb.y));
                svg.setAttribute("viewBox", vb.x + " " + vb.y + " " + vb.w + " " + vb.h);
              }
              function point(e) {
                var r = svg.getBoundingClientRect();
                return { x: vb.x + (e.clientX - r.left) / r.width * vb.w, y: vb.y + (e.clientY - r.top) / r.height * vb.h };
              }
              function zoom(f, p) {
                var nw = Math.min(W, Math.max(W / 400, vb.w * f)), k = nw / vb.w;
                vb.x = p.x - (p.x - vb.x) * k;
                vb.y = p.y - (p.y - vb.y) * k;
                vb.w = nw;
                apply();
              }
              function hit(p) {
                var slack = 3 * vb.w / svg.getBoundingClientRect().width, best = null;
                for (var i = 0; i < spans.length; i++) {
                  var s = spans[i];
                  if (p.y >= s[1] && p.y <= s[1] + s[3] && p.x >= s[0] - slack && p.x <= s[0] + s[2] + slack) {
                    if (best === null || Math.abs(p.x - (s[0] + s[2] / 2)) < Math.abs(p.x - (best[0] + best[2] / 2))) {
                      best = s;
                    }
                  }
                }
                return best;
              }
              var drag = null;
              box.addEventListener("wheel", function (e) {
                e.preventDefault();
                zoom(e.deltaY < 0 ? 0.8 : 1.25, point(e));
              }, { passive: false });
              box.addEventListener("mousedown", function (e) {
                drag = { x: e.clientX, y: e.clientY, vx: vb.x, vy: vb.y };
                box.style.cursor = "grabbing";
              });
              window.addEventListener("mouseup", function () {
                drag = null;
                box.style.cursor = "";
              });
              box.addEventListener("mousemove", function (e) {
                if (drag) {
                  var r = svg.getBoundingClientRect();
                  vb.x = drag.vx - (e.clientX - drag.x) / r.width * vb.w;
                  vb.y = drag.vy - (e.clientY - drag.y) / r.height * vb.h;
                  apply();
                  return;
                }
                var s = hit(point(e));
                if (!s) {
                  tip.hidden = true;
                  mark.style.display = "none";
                  return;
                }
                tip.textContent = s[4];
                tip.hidden = false;
                tip.style.left = Math.min(e.clientX + 14, window.innerWidth - tip.offsetWidth - 8) + "px";
                tip.style.top = (e.clientY + 16) + "px";
                mark.setAttribute("x", s[0]);
                mark.setAttribute("y", s[1]);
                mark.setAttribute("width", s[2]);
                mark.setAttribute("height", s[3]);
                mark.style.display = "";
              });
              box.addEventListener("mouseleave", function () {
                tip.hidden = true;
                mark.style.display = "none";
              });
              box.addEventListener("dblclick", function () {
                vb = { x: 0, y: 0, w: W, h: H };
                apply();
              });
              box.addEventListener("keydown", function (e) {
                var c = { x: vb.x + vb.w / 2, y: vb.y + vb.h / 2 }, step = vb.w / 10;
                if (e.key === "+" || e.key === "=") { zoom(0.8, c); }
                else if (e.key === "-") { zoom(1.25, c); }
                else if (e.key === "0") { vb = { x: 0, y: 0, w: W, h: H }; apply(); }
                else if (e.key === "ArrowLeft") { vb.x -= step; apply(); }
                else if (e.key === "ArrowRight") { vb.x += step; apply(); }
                else if (e.key === "ArrowUp") { vb.y -= step; apply(); }
                else if (e.key === "ArrowDown") { vb.y += step; apply(); }
                else { return; }
                e.preventDefault();
              });
            })();
            """;
}
