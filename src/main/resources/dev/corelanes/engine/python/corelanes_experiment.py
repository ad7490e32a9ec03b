#!/usr/bin/env python3
"""A CoreLanes experiment, as CoreLanes ran it: the same file, byte for byte.

Run it yourself with any Python 3.8 or newer (standard library only):

    python3 this_file.py

It prints when each task ran and the wall time. CoreLanes runs it with --corelanes, which makes it
report what every task did (running on which CPU, sleeping, waiting for the GIL, preempted) as lines
on stdout instead; see worker-protocol.md, "Python worker".
"""
# --- the experiment (CoreLanes writes this block) ---
KIND = "compute"         # "sleep": waits like I/O; "compute": keeps a CPU busy
TASKS = 4                # how many tasks
SECONDS = 1.0            # seconds of work per task
MODE = "threads"         # sequential | threads | thread-pool | processes | process-pool | asyncio
WORKERS = 4              # pool size (thread-pool, process-pool)
START_METHOD = ""        # multiprocessing start method: fork | spawn | forkserver ("" = the OS default)
# --- end of the experiment ---

import concurrent.futures
import multiprocessing
import os
import sys
import threading
import time

if MODE == "asyncio":
    import asyncio  # only when used: every spawned child imports this file again (~30 ms for asyncio)

PROTOCOL = "--corelanes" in sys.argv[1:]
clock = time.perf_counter_ns  # one clock for every process of the machine (CLOCK_MONOTONIC, QPC)


def _simulated_tick():
    try:
        return max(0, int(os.environ.get("CORELANES_CPU_CLOCK_TICK_NS", "") or 0))
    except ValueError:
        return 0


# A thread's CPU time. On Windows time.thread_time_ns() reads GetThreadTimes, which moves in ~15.625 ms ticks
# (cpython issue 135304); CoreLanes can make any clock that coarse (CORELANES_CPU_CLOCK_TICK_NS, set from its
# -Dcorelanes.cpuClockTick) so that Linux shows what Windows would: every reading is then rounded down to it.
SIMULATED_TICK_NS = _simulated_tick()


def thread_cpu():
    t = time.thread_time_ns()
    return t - t % SIMULATED_TICK_NS if SIMULATED_TICK_NS > 1 else t


def do_something(seconds):
    """The notebook's task: wait, using no CPU (like reading a file or a web page)."""
    time.sleep(seconds)


def kernel(steps, x=1):
    """The compute task's loop: pure Python arithmetic, so it holds the GIL the whole time."""
    for _ in range(steps):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
    return x


def cpu_tick():
    """The thread CPU clock's step in ns: the smallest of 4 changes of its reading while computing (0 if it
    never moves). ~1 us on Linux; ~15.6 ms on Windows, which costs ~60 ms of CPU once."""
    last, smallest, seen = thread_cpu(), 0, 0
    give_up = time.perf_counter() + 1.0
    while seen < 4 and time.perf_counter() < give_up:
        kernel(16)
        now = thread_cpu()
        if now > last:
            smallest = now - last if seen == 0 else min(smallest, now - last)
            seen += 1
        last = now
    return smallest


def calibrate():
    """Kernel steps per second of this interpreter on one core, by thread CPU time (warm-up first).

    Each round lasts at least two ticks of the thread CPU clock (2.5 ms on a fine one), and rounds run from tick
    to tick: the first starts right after the clock moves, each ends at the first reading past its length (on a
    coarse clock, just after a tick) and the next starts there. So a round's error is one chunk of the kernel,
    not one tick: on Windows a 2.5 ms round read 0 or 15.6 ms."""
    t0 = time.perf_counter()
    kernel(20_000)
    global CPU_TICK_NS, GAP_NS
    CPU_TICK_NS = cpu_tick()
    GAP_NS = max(1_000_000, 2 * CPU_TICK_NS)
    length, chunk = max(2_500_000, 2 * CPU_TICK_NS), 5_000
    last = thread_cpu()
    give_up = time.perf_counter() + 1.0
    while thread_cpu() == last and time.perf_counter() < give_up:
        kernel(chunk)  # wait for the clock to move: the first round starts right after a tick
    last, best = thread_cpu(), 0.0
    for _ in range(5):
        n = 0
        while True:
            kernel(chunk)
            n += chunk
            now = thread_cpu()
            if now - last >= length:
                break
        best = max(best, n * 1e9 / (now - last))
        last = now
    return int(best), (time.perf_counter() - t0) * 1000


def gil_enabled():
    check = getattr(sys, "_is_gil_enabled", None)
    return True if check is None else bool(check())


def core_reader():
    """A function giving the CPU the calling thread is on, or None when this OS has no such call.

    PyDLL, not CDLL: a CDLL call releases the GIL, which would hand it to another thread every probe
    (once a millisecond) instead of every 5 ms, changing the very behaviour being shown."""
    try:
        import ctypes
        if sys.platform.startswith("linux"):
            f = ctypes.PyDLL(None).sched_getcpu
            f.restype, f.argtypes = ctypes.c_int, []
            return f if f() >= 0 else None
        if sys.platform == "win32":
            f = ctypes.PyDLL("kernel32").GetCurrentProcessorNumber
            f.restype, f.argtypes = ctypes.c_uint32, []
            return f
        if sys.platform == "darwin":  # macOS 11 and newer
            g = ctypes.PyDLL("/usr/lib/libSystem.B.dylib").pthread_cpu_number_np
            g.restype, g.argtypes = ctypes.c_int, [ctypes.POINTER(ctypes.c_size_t)]

            def f():
                cpu = ctypes.c_size_t()
                return cpu.value if g(ctypes.byref(cpu)) == 0 else -1
            return f if f() >= 0 else None
    except (OSError, AttributeError, ImportError):
        pass
    return None


# ---------------------------------------------------------------- reporting
# One write per line: lines of threads and processes sharing this stdout never interleave.
_open = {}              # task -> [worker, state, core, t0] of this process's running tasks
# One lock per task, not one for all: a task's state and its lines change together, and only its own thread
# and stop() ever touch them. A single lock shared by the compute threads, held while writing, was taken by
# one thread when the GIL switched to the other, which then blocked on it; on CPython 3.8-3.12 that made the
# threads swap the GIL about every millisecond instead of every 5 ms, changing the very behaviour being shown.
_task_locks = {}


def task_lock(task):
    lock = _task_locks.get(task)  # every probe asks: no new Lock object each time
    if lock is None:
        lock = _task_locks.setdefault(task, threading.Lock())  # atomic under the GIL: one lock per task
    return lock
_task_cpu0 = {}         # task -> its thread's CPU time when it started
GAP_NS = 1_000_000      # off-CPU for longer than this is a gap worth drawing (2 ticks on a coarse clock)
CPU_TICK_NS = 0         # the thread CPU clock's step, measured by calibrate()
STEPS_PER_SECOND = 0    # set by calibrate() in the main process, passed on to child processes
MIN_PART_NS = 100_000   # a gil-wait or preempted part of a gap shorter than this goes to the other part
_cpu = core_reader()
_gil = gil_enabled()


def stdout_writer():
    """write(1, ...) that keeps the GIL, where the C library can be called (os.write releases it).

    A compute task reports a span at every GIL hand-over; if that report released the GIL, the waiting
    thread would take it at once and the threads would alternate about every millisecond (every probe)
    instead of every 5 ms (sys.getswitchinterval()), changing the very behaviour being shown. Lines are
    short and CoreLanes reads them as they come, so the write does not block for long."""
    if os.name == "posix":
        try:
            import ctypes
            f = ctypes.PyDLL(None, use_errno=True).write
            f.restype, f.argtypes = ctypes.c_ssize_t, [ctypes.c_int, ctypes.c_char_p, ctypes.c_size_t]

            def write(data):
                while data:
                    n = f(1, data, len(data))
                    if n <= 0:
                        if n < 0 and ctypes.get_errno() == 4:  # EINTR: a signal came; write the rest
                            continue
                        raise OSError("write failed")
                    data = data[n:]
            return write
        except (OSError, AttributeError, ImportError):
            pass
    return lambda data: os.write(1, data)


LIVE_FLUSH_NS = 10_000_000  # a running task's span lines wait up to this long to be written together
_pending = []               # lines not yet written, in order
_flush_clock = time.perf_counter_ns  # clock's own source, read apart: how often clock() is read stays the task's
_flushed_at = 0             # _flush_clock() at the last write
_emit_lock = threading.Lock()


def emit(line, live=False):
    """Writes a protocol line; a live one (a compute task's span and state lines) waits for the others of the next
    LIVE_FLUSH_NS. Every write wakes CoreLanes's reader thread, which the kernel placed on the writer's own CPU:
    with a write per line, a GIL thread's running was cut ~170 times a second for 15-90 us each (sched-truth: 2 %
    of its running). Any other line goes at once, with those before it, in order."""
    if PROTOCOL:
        with _emit_lock:
            _pending.append(line)
            if not live or _flush_clock() - _flushed_at >= LIVE_FLUSH_NS:
                _flush()


def flush_due():
    """Writes the waiting live lines once they are LIVE_FLUSH_NS old (a compute task asks at every probe)."""
    if _pending and _flush_clock() - _flushed_at >= LIVE_FLUSH_NS:
        with _emit_lock:
            _flush()


def _flush():
    global _flushed_at
    if _pending:
        data = ("\n".join(_pending) + "\n").encode("ascii")
        del _pending[:]
        try:
            _write(data)
        except OSError:
            os._exit(3)  # stdout is gone: CoreLanes has ended, nobody is listening
    _flushed_at = _flush_clock()


_write = stdout_writer()


def core():
    return _cpu() if _cpu is not None else -1


def set_state(task, state, c, t):
    """Ends the task's current span at t and opens the next one."""
    with task_lock(task):
        cur = _open.get(task)
        if cur is None:
            return
        if cur[1] == state and cur[2] == c:
            return
        if t > cur[3]:
            emit("span %d %s %s %d %d %d" % (task, cur[0], cur[1], cur[2], cur[3], t), True)
        cur[1], cur[2], cur[3] = state, c, t
        emit("open %d %s %s %d %d" % (task, cur[0], state, c, t), True)


_tids_told = set()      # the workers of this process whose OS thread id CoreLanes has been told


def native_tid():
    """This thread's OS thread id, the one perf, Perfetto and sched-truth name it by, or -1."""
    get = getattr(threading, "get_native_id", None)  # Python 3.8+
    if get is not None:
        return get()
    try:  # Python 3.6 and 3.7 on Linux: /proc/thread-self links to PID/task/TID
        return int(os.readlink("/proc/thread-self").rsplit("/", 1)[-1])
    except (OSError, ValueError, AttributeError):
        return -1


def tell_tid(worker):
    """Once per worker: the OS thread that runs its tasks (a pool's worker keeps its thread)."""
    if PROTOCOL and worker not in _tids_told:
        _tids_told.add(worker)
        tid = native_tid()
        if tid >= 0:
            emit("thread %s %d %d" % (worker, os.getpid(), tid))


def run_task(task, worker):
    """Runs one task of KIND, reporting its spans; returns (start, end) in seconds of perf_counter."""
    tell_tid(worker)
    t0 = clock()
    c0 = _task_cpu0[task] = thread_cpu()
    emit("start %d %s %d" % (task, worker, t0))
    state = "sleeping" if KIND == "sleep" else "running"
    with task_lock(task):
        _open[task] = [worker, state, core() if state == "running" else -1, t0]
        emit("open %d %s %s %d %d" % (task, worker, state, _open[task][2], t0))
    if KIND == "sleep":
        do_something(SECONDS)
    else:
        compute(task, SECONDS, t0)
    t1 = clock()
    finish(task, "completed", thread_cpu() - c0, t1)
    if not PROTOCOL:
        line = "task %d on %s (pid %d): %.3f s -> %.3f s\n" % (task, worker, os.getpid(), (t0 - BEGIN) / 1e9,
                                                            (t1 - BEGIN) / 1e9)
        os.write(1, line.encode())  # one write: lines of several threads never mix


def finish(task, status, cpu, t):
    with task_lock(task):
        cur = _open.pop(task, None)
        if cur is None:
            return
        if t > cur[3]:
            emit("span %d %s %s %d %d %d" % (task, cur[0], cur[1], cur[2], cur[3], t))
        emit("end %d %s %s %d %d" % (task, cur[0], status, cpu, t))


def compute(task, seconds, since):
    """About `seconds` of CPU time in kernel(), reading the CPU about once a millisecond and the clock every ~40 us.

    since: when the task's running span opened. Opening and closing the schedstat file release the GIL (os.open,
    os.close): another thread takes it, and this one waits its turn, up to a switch interval, which must not be
    drawn as running; so the stretches before the first reading and after the last count too."""
    steps = max(1, int(seconds * STEPS_PER_SECOND))
    chunk = max(1, STEPS_PER_SECOND // 1000)
    queued, stop_reading = run_queue_reader()
    last = None
    try:
        last = compute_steps(task, steps, chunk, queued, since)
    finally:
        stop_reading()
    if last is not None and clock() - last >= MIN_GAP_NS:
        set_state(task, "gil-wait" if _gil and len(_open) > 1 else "preempted", -1, last)


STRETCHES_PER_CHUNK = 25  # clock readings per ~1 ms chunk: one every ~40 us (a reading costs ~0.1 us here)
# A stretch that took GAP_FACTOR times its work and at least MIN_GAP_NS was off the CPU. Measured on a busy 2-CPU
# machine (3 s of ~40 us stretches, each against the thread's CPU time): of the stretches of 100-150 us a third
# were off the CPU, of 150-200 us 2 in 3, of 200-300 us 15 in 22, and from 300 us on all; the rest ran, slowed.
GAP_FACTOR = 5
MIN_GAP_NS = 200_000


class OffCpuWatch:
    """Where the clock readings between two probes say the thread was off the CPU: a stretch between two readings
    that took far longer than the work in it. The work is timed by the calibration, or by the recent stretches
    that were no gap where those are slower (a gap doubles that reference, so code that turns slow for good stops
    looking like gaps after a few stretches). The same rule as the Java side's OffCpuWatch, with fewer readings
    and a lower factor: a reading costs more in Python, and with no JIT its pace is steady from the start."""

    def __init__(self, steps_per_second):
        self.calibrated = 1e9 / max(1, steps_per_second)
        self.per_step = self.calibrated

    def gap(self, took, steps):
        gap = took >= MIN_GAP_NS and took >= GAP_FACTOR * steps * max(self.calibrated, self.per_step)
        if steps > 0:
            self.per_step = self.per_step * 2 if gap else min(took / steps, self.per_step * 1.25)
        return gap


def compute_steps(task, steps, chunk, queued, since=None):
    """The task's kernel in chunks, probing after each: where it runs, and whether it was off the CPU. Returns
    the last clock reading, None when cancelled.

    Within a chunk the clock is read every ~40 us (OffCpuWatch): a stretch that took far longer than its work
    was off the CPU, drawn between the reading before it and the reading after it, less the part of the stretch
    the thread's CPU clock says ran (gap_edges; the CPU read afresh then). A gap the stretches did not show is found at the probe, as before: off-CPU time is wall time minus
    CPU time since the last reading at which the CPU clock moved. On a fine clock that is the previous probe;
    on a coarse one (Windows' 15.6 ms ticks) the clock stands still for many probes and then jumps, so the
    wall time since it last moved counts against the jump, and such a gap is drawn only past GAP_NS (two ticks
    there), after the CPU time used: less than that cannot be told from the clock's own step."""
    x, done = 1, 0
    stretch = max(1, chunk // STRETCHES_PER_CHUNK)
    watch = OffCpuWatch(STEPS_PER_SECOND)
    last_t, last_cpu, last_all, last_queued = clock(), thread_cpu(), time.process_time_ns(), queued()
    probe_t = before = last_t
    if since is not None and last_t - since >= MIN_GAP_NS:  # off the CPU since the running span opened
        for state, a, b in gap_spans(since, last_t, 0, 0, _gil and len(_open) > 1):
            set_state(task, state, -1, a)
        set_state(task, "running", core(), last_t)
    while done < steps:
        n = min(chunk, steps - done)
        end = done + n
        while done < end:
            k = min(stretch, end - done)
            x = kernel(k, x)
            done += k
            now = clock()
            if watch.gap(now - before, k):
                cpu, all_cpu, waited = thread_cpu(), time.process_time_ns(), queued()
                a, b = gap_edges(before, now, cpu - last_cpu, before - last_t)
                draw_gap(task, a, b, cpu, all_cpu, waited, last_cpu, last_all, last_queued)
                set_state(task, "running", core(), b)
                last_t, last_cpu, last_all, last_queued = now, cpu, all_cpu, waited
                probe_t = now
            before = now
        if CANCEL.is_set():
            return
        t, cpu, c = before, thread_cpu(), core()
        all_cpu, waited = time.process_time_ns(), queued()
        off = (t - last_t) - (cpu - last_cpu)
        gap = off > GAP_NS
        if gap:
            # Off the CPU, the stretches could not say where: draw it after the CPU time used (never before the
            # last probe, which ran).
            draw_gap(task, max(t - off, probe_t), t, cpu, all_cpu, waited, last_cpu, last_all, last_queued)
        set_state(task, "running", c, t)
        flush_due()
        if gap or cpu != last_cpu:
            last_t, last_cpu, last_all, last_queued = t, cpu, all_cpu, waited
        probe_t = t
    return before  # the last clock reading


FINE_TICK_NS = 10_000   # a thread CPU clock that steps at most this finely tells where a stretch's gap lay


def gap_edges(before, now, cpu_used, ran_before):
    """Where in the stretch from before to now (ns) its gap lay, by the thread's CPU clock: (start, end).

    The stretch ran its work partly before the thread left the CPU and partly after it came back (and the GIL's
    hand-over in the kernel, which the CPU clock counts as the kernel does): on a quiet 2-CPU machine each part was
    ~30 us of a ~40 us stretch, so a gap drawn from reading to reading ate ~30 us of running at each edge, ~4 % of
    a GIL thread's running. The CPU clock says how much of the stretch ran: cpu_used since the last probe, less
    ran_before, the wall time from that probe to this stretch, which ran. Half of it goes to each side (where the
    split lies within the stretch is unknown). A coarse CPU clock (Windows' 15.6 ms ticks) tells nothing here."""
    if not 0 < CPU_TICK_NS <= FINE_TICK_NS:
        return before, now
    ran = max(0, min(cpu_used - ran_before, now - before - MIN_GAP_NS))
    return before + ran // 2, now - (ran - ran // 2)


def draw_gap(task, start, end, cpu, all_cpu, waited, last_cpu, last_all, last_queued):
    """The task's off-CPU gap from start to end (ns) as its spans: what the thread and the process did since the
    last readings (last_*) tells the GIL wait from the run-queue wait (gap_spans)."""
    others = (all_cpu - last_all) - (cpu - last_cpu)
    ready = waited - last_queued if waited is not None and last_queued is not None else None
    for state, a, b in gap_spans(start, end, ready, others, _gil and len(_open) > 1):
        set_state(task, state, -1, a)


def gap_spans(start, end, ready, others_cpu, gil_shared):
    """The spans of a task's off-CPU gap from start to end (ns): [(state, from, to)], gil-wait first.

    ready: ns the thread was runnable but not given a CPU meanwhile (the OS's run-queue wait), or None
    where this OS does not say; others_cpu: CPU ns the other threads of this interpreter used meanwhile;
    gil_shared: the GIL is enabled and other tasks of this interpreter are running.
    Preempted is the run-queue wait. The rest of the gap the thread was not even runnable: a compute task
    blocks on nothing but the GIL, so with other tasks of this interpreter running that is waiting for the
    GIL, even while the thread holding it is itself preempted. Where the run-queue wait is unknown, the gap
    waited for the GIL for as long as other threads of the interpreter were running, and the rest is preempted.
    """
    off = end - start
    if not gil_shared:
        wait = 0
    elif ready is not None:
        wait = off - min(off, max(0, ready))
    else:
        wait = min(off, max(0, others_cpu))
    if wait < MIN_PART_NS:
        wait = 0
    elif off - wait < MIN_PART_NS:
        wait = off
    spans = []
    if wait > 0:
        spans.append(("gil-wait", start, start + wait))
    if wait < off:
        spans.append(("preempted", start + wait, end))
    return spans


def run_queue_reader():
    """(A function giving the calling thread's run-queue wait in ns (Linux schedstat) or None, its close).

    The file is opened once in the thread it describes and re-read with pread through PyDLL: that keeps
    the GIL (os.read would release it) and costs about 2 us a probe."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            fd = os.open("/proc/thread-self/schedstat", os.O_RDONLY)
            f = ctypes.PyDLL(None).pread
            f.restype, f.argtypes = ctypes.c_ssize_t, [ctypes.c_int, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_long]
            buf = ctypes.create_string_buffer(128)

            def queued():
                n = f(fd, buf, 127, 0)
                fields = buf.raw[:n].split() if n > 0 else ()
                return int(fields[1]) if len(fields) > 1 else None
            if queued() is not None:
                return queued, lambda: os.close(fd)
            os.close(fd)
        except (OSError, AttributeError, ImportError, ValueError):
            pass
    return (lambda: None), (lambda: None)


def task_entry(task, worker):
    run_task(task, worker)
    return task


# ---------------------------------------------------------------- child processes
def child_start(worker, spawned_at):
    """First thing in a child process: never outlive the parent, report how long the start took."""
    global _open, _task_locks, _tids_told, _pending, _emit_lock
    _open = {}
    _task_locks = {}  # a lock another thread held at the fork would stay held in the child
    _tids_told = set()  # a forked child's threads are new ones
    _pending = []  # a forked child must not write its parent's waiting lines again
    _emit_lock = threading.Lock()
    parent = os.getppid()
    if PROTOCOL:
        if sys.platform.startswith("linux"):
            try:
                import ctypes
                import signal
                ctypes.CDLL(None).prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG: die with the parent
            except (OSError, AttributeError):
                pass
        if os.name == "posix":
            import signal
            signal.signal(signal.SIGTERM, lambda s, f: cancelled_exit())
            threading.Thread(target=watch_parent, args=(parent,), daemon=True).start()
        elif sys.platform == "win32":
            threading.Thread(target=watch_parent_windows, args=(parent,), daemon=True).start()
        if os.getppid() != parent:
            os._exit(4)
    emit("worker %s process %d" % (worker, os.getpid()))
    if spawned_at:
        emit("span 0 %s spawning -1 %d %d" % (worker, spawned_at, clock()))


def watch_parent(parent):
    while True:
        time.sleep(0.1)
        if os.getppid() != parent:
            os._exit(4)


def watch_parent_windows(parent):
    """Windows keeps a dead parent's pid as our parent pid: wait on the parent process itself instead."""
    import ctypes
    kernel32 = ctypes.windll.kernel32
    handle = kernel32.OpenProcess(0x00100000, False, parent)  # SYNCHRONIZE
    if not handle:
        return  # cannot watch it (not allowed): CoreLanes still ends this process tree on cancel and exit
    kernel32.WaitForSingleObject(handle, 0xFFFFFFFF)  # INFINITE: returns when the parent has ended
    os._exit(4)


def cancelled_exit():
    """Cancel: close this process's open spans, say its tasks were cancelled, and leave at once.
    Runs in the child's main thread, which runs its task: its CPU time is the task's."""
    t, cpu = clock(), thread_cpu()
    for task in list(_open):
        finish(task, "cancelled", cpu - _task_cpu0.get(task, cpu), t)
    os._exit(0)


def process_entry(task, worker, spawned_at, settings):
    apply_settings(settings)
    child_start(worker, spawned_at)
    run_task(task, worker)
    emit("memory %s %d" % (worker, peak_rss()))


def pool_init(spawned_at, settings):
    apply_settings(settings)
    ident = multiprocessing.current_process()._identity
    worker = "P%d" % (ident[-1] if ident else os.getpid())
    child_start(worker, spawned_at)
    # Its peak memory when the pool ends it: multiprocessing runs these finalizers as the process exits.
    from multiprocessing import util
    util.Finalize(None, lambda: emit("memory %s %d" % (worker, peak_rss())), exitpriority=10)


def pool_task(task):
    ident = multiprocessing.current_process()._identity
    run_task(task, "P%d" % (ident[-1] if ident else os.getpid()))
    return task


def settings():
    return STEPS_PER_SECOND, BEGIN, GAP_NS, CPU_TICK_NS


def apply_settings(s):
    global STEPS_PER_SECOND, BEGIN, GAP_NS, CPU_TICK_NS
    STEPS_PER_SECOND, BEGIN, GAP_NS, CPU_TICK_NS = s


# ---------------------------------------------------------------- the execution models
def thread_worker_name():
    name = threading.current_thread().name  # "W_0", "W_1"... from thread_name_prefix
    return "W%d" % (int(name.rsplit("_", 1)[-1]) + 1) if "_" in name else name


def pool_thread_task(task):
    run_task(task, thread_worker_name())


async def do_something_async(task, seconds):
    """One coroutine's task. Its CPU time is its own code's, before and after the await: the loop's thread runs
    the other coroutines meanwhile, so the thread's clock across the await is not this task's."""
    c0 = thread_cpu()
    t0 = clock()
    emit("start %d main %d" % (task, t0))
    with task_lock(task):
        _open[task] = ["main", "sleeping", -1, t0]
        emit("open %d main sleeping -1 %d" % (task, t0))
    c1 = thread_cpu()
    await asyncio.sleep(seconds)
    c2 = thread_cpu()
    t1 = clock()
    finish(task, "completed", (c1 - c0) + (thread_cpu() - c2), t1)


async def all_async():
    await asyncio.gather(*(do_something_async(t, SECONDS) for t in range(1, TASKS + 1)))


def experiment():
    ids = range(1, TASKS + 1)
    if MODE == "sequential":
        emit("worker main thread %d" % os.getpid())
        for t in ids:
            run_task(t, "main")
    elif MODE == "threads":
        threads = [threading.Thread(target=run_task, args=(t, "T%d" % t)) for t in ids]
        for t in ids:
            emit("worker T%d thread %d" % (t, os.getpid()))
        for th in threads:
            th.start()
        for th in threads:
            th.join()
    elif MODE == "thread-pool":
        for w in range(1, WORKERS + 1):
            emit("worker W%d thread %d" % (w, os.getpid()))
        with concurrent.futures.ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="W") as pool:
            list(pool.map(pool_thread_task, ids))
    elif MODE == "processes":
        ctx = multiprocessing.get_context(START_METHOD or None)
        procs = []
        for t in ids:
            p = ctx.Process(target=process_entry, args=(t, "P%d" % t, clock(), settings()))
            p.start()
            procs.append(p)
        for p in procs:
            p.join()
            if p.exitcode != 0:
                raise RuntimeError("process %s ended with exit code %s" % (p.name, p.exitcode))
    elif MODE == "process-pool":
        ctx = multiprocessing.get_context(START_METHOD or None)
        with concurrent.futures.ProcessPoolExecutor(max_workers=WORKERS, mp_context=ctx, initializer=pool_init,
                                                    initargs=(clock(), settings())) as pool:
            list(pool.map(pool_task, ids))
    elif MODE == "asyncio":
        if KIND != "sleep":
            raise ValueError("asyncio runs sleep tasks: a compute task never awaits, so it would block the loop")
        emit("worker main thread %d" % os.getpid())
        tell_tid("main")
        asyncio.run(all_async())
    else:
        raise ValueError("unknown MODE %r" % MODE)


# ---------------------------------------------------------------- talking to CoreLanes
CANCEL = threading.Event()
BEGIN = 0


def serve_stdin(go):
    """CoreLanes's lines: ping (clock sync), prepare, run, stop. End of input: CoreLanes is gone.

    Reads the file descriptor itself, not sys.stdin: a child forked while this thread held sys.stdin's
    lock would hang closing it (multiprocessing closes stdin in every child it starts)."""
    pending = b""
    while True:
        try:
            chunk = os.read(0, 4096)
        except OSError:
            chunk = b""
        if not chunk:
            break
        pending += chunk
        while b"\n" in pending:
            raw, pending = pending.split(b"\n", 1)
            command(raw.decode("ascii", "replace").strip(), go)
    stop(1)


def command(line, go):
    if line.startswith("ping "):
        emit("pong %s %d" % (line[5:], clock()))
    elif line in ("prepare", "run"):
        go[line].set()
    elif line == "stop":
        stop(0)


def stop(code):
    """Cancel everything, children too; say what ended; leave within a fraction of a second."""
    CANCEL.set()
    children = multiprocessing.active_children()
    for p in children:
        p.terminate()  # SIGTERM: a child closes its spans and exits (cancelled_exit)
    deadline = time.monotonic() + 0.25
    for p in children:
        p.join(max(0.0, deadline - time.monotonic()))
    t = clock()
    for task in list(_open):
        finish(task, "cancelled", -1, t)
    if code == 0:
        emit("bye %d %d" % usage())
    if os.name == "posix" and os.getpgrp() == os.getpid():
        import signal
        os.killpg(0, signal.SIGKILL)  # anything left in our group (forkserver, its children)
    os._exit(code)


def usage():
    """CPU nanoseconds of this process and its ended children, and its peak memory in bytes (-1 unknown)."""
    try:
        import resource
        me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = int((me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime) * 1e9)
    except ImportError:
        cpu = -1
    return cpu, peak_rss()


def peak_rss():
    """Peak resident memory of this process in bytes, -1 where this OS does not say.

    Linux: VmHWM from /proc/self/status, what the Java workers report; Windows: the peak working set
    (GetProcessMemoryInfo, as the Java workers there); other Unixes: ru_maxrss (bytes on macOS)."""
    try:
        with open("/proc/self/status", "rb") as f:
            for line in f:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    if sys.platform == "win32":
        return windows_peak_working_set()
    try:
        import resource
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return rss * (1 if sys.platform == "darwin" else 1024) if rss > 0 else -1
    except ImportError:
        return -1


def memory_counters_type():
    """psapi.h's PROCESS_MEMORY_COUNTERS: two DWORDs, then eight SIZE_Ts (72 bytes on 64-bit Windows, the
    peak working set at offset 8)."""
    import ctypes
    size_t = ctypes.c_size_t

    class ProcessMemoryCounters(ctypes.Structure):
        _fields_ = [("cb", ctypes.c_uint32), ("PageFaultCount", ctypes.c_uint32),
                    ("PeakWorkingSetSize", size_t), ("WorkingSetSize", size_t),
                    ("QuotaPeakPagedPoolUsage", size_t), ("QuotaPagedPoolUsage", size_t),
                    ("QuotaPeakNonPagedPoolUsage", size_t), ("QuotaNonPagedPoolUsage", size_t),
                    ("PagefileUsage", size_t), ("PeakPagefileUsage", size_t)]
    return ProcessMemoryCounters


def windows_peak_working_set(kernel32=None):
    """This process's peak working set from kernel32's K32GetProcessMemoryInfo (Windows 7 and later), -1 when
    the call cannot be made (not Windows) or fails. kernel32 is a parameter so the layout is tested anywhere."""
    import ctypes
    counters_type = memory_counters_type()
    try:
        k = kernel32 if kernel32 is not None else ctypes.WinDLL("kernel32")
        k.GetCurrentProcess.restype = ctypes.c_void_p
        k.K32GetProcessMemoryInfo.argtypes = [ctypes.c_void_p, ctypes.POINTER(counters_type), ctypes.c_uint32]
        k.K32GetProcessMemoryInfo.restype = ctypes.c_int
        counters = counters_type()
        counters.cb = ctypes.sizeof(counters)
        if not k.K32GetProcessMemoryInfo(k.GetCurrentProcess(), ctypes.byref(counters), counters.cb):
            return -1
        return counters.PeakWorkingSetSize or -1
    except (AttributeError, OSError, ValueError):
        return -1


def main():
    global STEPS_PER_SECOND, BEGIN
    if PROTOCOL:
        if os.name == "posix" and os.getpgrp() != os.getpid():
            os.setpgrp()  # our children and theirs in one group that stop() can end at once
        go = {"prepare": threading.Event(), "run": threading.Event()}
        emit("hello corelanes-python 1 %d" % os.getpid())
        threading.Thread(target=serve_stdin, args=(go,), daemon=True).start()
        go["prepare"].wait()
    if KIND == "compute":
        STEPS_PER_SECOND, millis = calibrate()
    else:
        STEPS_PER_SECOND, millis = 1, 0
    if PROTOCOL:
        emit("ready %d %d" % (STEPS_PER_SECOND, millis * 1000))
        go["run"].wait()
    else:
        print("%d %s tasks x %s s, %s%s, Python %s, GIL %s" % (
            TASKS, KIND, SECONDS, MODE, " (" + START_METHOD + ")" if START_METHOD else "",
            sys.version.split()[0], "enabled" if _gil else "disabled"), flush=True)
    BEGIN = clock()
    cpu0 = usage()[0]
    try:
        experiment()
    except BaseException as e:  # one line for CoreLanes; the traceback for a person
        if not PROTOCOL:
            raise
        emit("error " + (" ".join(("%s: %s" % (type(e).__name__, e)).split()))[:900].encode(
            "ascii", "replace").decode("ascii"))
        sys.stdout.flush()
        stop(2)
    end = clock()
    if PROTOCOL:
        cpu, rss = usage()
        emit("bye %d %d" % (cpu - cpu0 if cpu >= 0 else -1, rss))
        os._exit(0)
    print("wall time: %.2f s" % ((end - BEGIN) / 1e9))


if __name__ == "__main__":
    main()
