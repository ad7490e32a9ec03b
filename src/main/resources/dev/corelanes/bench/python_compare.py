"""CPython's side of ProcessBench: process start-up per start method, and threads vs processes for a
1 s compute loop. Prints one JSON object on stdout."""
import json
import multiprocessing as mp
import statistics
import sys
import threading
import time


def _say_hello(conn):
    conn.send(time.perf_counter())
    conn.close()


def start_to_running(method, n):
    ctx = mp.get_context(method)
    samples = []
    for _ in range(n):
        parent, child = ctx.Pipe(duplex=False)
        p = ctx.Process(target=_say_hello, args=(child,))
        t0 = time.perf_counter()
        p.start()
        parent.recv()  # the child is running Python code when this arrives
        samples.append(time.perf_counter() - t0)
        p.join()
    return statistics.median(samples) * 1000, sorted(samples)[int(len(samples) * 0.95) - 1] * 1000


def loop(n):
    x = 0
    for i in range(n):
        x = (x * 31 + i) & 0xFFFFFFFF
    return x


def calibrate():
    n = 200_000
    while True:
        t0 = time.perf_counter()
        loop(n)
        dt = time.perf_counter() - t0
        if dt > 0.2:
            return int(n / dt)
        n *= 2


def timed(fn):
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main():
    spawns = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    out = {"python": sys.version.split()[0]}
    for method in ("fork", "spawn"):
        if method in mp.get_all_start_methods():
            med, p95 = start_to_running(method, spawns)
            out[method] = {"medianMs": med, "p95Ms": p95}
    per_second = calibrate()
    n = per_second  # 1 s of work per task
    seq = timed(lambda: (loop(n), loop(n)))

    def threads():
        ts = [threading.Thread(target=loop, args=(n,)) for _ in range(2)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()

    def processes(method):
        ctx = mp.get_context(method)
        ps = [ctx.Process(target=loop, args=(n,)) for _ in range(2)]
        for p in ps:
            p.start()
        for p in ps:
            p.join()

    thr = timed(threads)
    out["compute"] = {"sequentialS": seq, "threadsS": thr, "threadsSpeedup": seq / thr}
    for method in ("fork", "spawn"):
        if method in mp.get_all_start_methods():
            w = timed(lambda: processes(method))
            out["compute"][method + "S"] = w
            out["compute"][method + "Speedup"] = seq / w
    print(json.dumps(out))


if __name__ == "__main__":
    main()
