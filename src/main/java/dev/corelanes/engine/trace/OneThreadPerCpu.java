package dev.corelanes.engine.trace;

import dev.corelanes.engine.Span;
import dev.corelanes.engine.SpanState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps a traced program's live lanes to one thread per CPU at any instant. Two threads that shared a CPU between
 * two samples are each placed by their own samples ({@link ThreadTimeline}), so their running spans can overlap on
 * that CPU's lane; the finished run separates them ({@link dev.corelanes.engine.CpuLanes}: the overlap becomes
 * uncertain), but a live frame is drawn before that. Here a span handed over later never runs on a CPU before the
 * end of what was already drawn there: the part that would overlap is left out of the live lanes — the finished
 * run, drawn when it ends, shows it as uncertain.
 */
final class OneThreadPerCpu {

    /** Per CPU: the end of the last running span handed over on it. */
    private final Map<Integer, Long> drawnUntil = new HashMap<>();

    /** {@code fresh} with every running span cut so that it starts no earlier than what its CPU already shows. */
    List<Span> admit(List<Span> fresh) {
        List<Span> sorted = new ArrayList<>(fresh);
        sorted.sort(Comparator.comparingLong(Span::startNanos));
        List<Span> out = new ArrayList<>(sorted.size());
        for (Span s : sorted) {
            if (s.state() != SpanState.RUNNING || !s.hasCore()) {
                out.add(s);
                continue;
            }
            long until = drawnUntil.getOrDefault(s.core(), Long.MIN_VALUE);
            if (s.endNanos() <= until) {
                continue; // wholly under a span already drawn on this CPU
            }
            Span kept = s.startNanos() >= until ? s
                    : new Span(s.task(), s.worker(), s.core(), s.state(), until, s.endNanos(), s.waitKind());
            out.add(kept);
            drawnUntil.put(s.core(), kept.endNanos());
        }
        return out;
    }
}
