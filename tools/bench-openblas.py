#!/usr/bin/python3
"""Times numpy/OpenBLAS sgemm on one thread at the shapes of src/test/java/peerlearn/bench/GemmBench.

Run with Debian's python (which has python3-numpy and libopenblas0-pthread), not a python on PATH:

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 /usr/bin/python3 tools/bench-openblas.py [SHAPE ...]

(`tools/bench --openblas` runs it after the JMH run.) The script also clears those variables and
pins one thread itself before numpy loads, then checks that the BLAS numpy loaded is OpenBLAS
(through /proc/self/maps and OpenBLAS's own openblas_get_corename/openblas_get_num_threads): the
reference BLAS would run at a few GFLOP/s, and OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE can force an
older, slower kernel. Shapes are written as in GemmBench (e.g. NN:512:512:512); without arguments
all of GemmBench's are timed. Each shape is timed as repeated C = A·B for ≥ 0.5 s, seven times; the median
and best GFLOP/s = 2·m·n·k / time are printed, and the median by the thread's CPU time (the
steadier figure on a shared machine: waiting for a core does not count), with the load average before and after.
"""
import ctypes
import os
import statistics
import sys
import time

os.environ.pop("OPENBLAS_CORETYPE", None)
os.environ.pop("OPENBLAS_L2_SIZE", None)
os.environ["OPENBLAS_NUM_THREADS"] = "1"

import numpy as np  # noqa: E402  (after the environment is set)

SHAPES = ["NN:64:64:64", "NN:128:128:128", "NN:256:256:256", "NN:512:512:512", "NN:1024:1024:1024",
          "NT:512:512:512", "TN:512:512:512", "NN:16:3200:150", "NN:32:120:400", "NT:32:120:400"]


def loaded_openblas():
    np.ones((8, 8), np.float32) @ np.ones((8, 8), np.float32)
    libs = sorted({line.split()[-1] for line in open("/proc/self/maps") if "openblas" in line.lower()})
    so = [p for p in libs if os.path.basename(p).startswith("libopenblas")]
    if not so:
        sys.exit("bench-openblas: numpy did not load OpenBLAS (loaded: %s)" % libs)
    lib = ctypes.CDLL(so[0])
    lib.openblas_get_corename.restype = ctypes.c_char_p
    lib.openblas_get_config.restype = ctypes.c_char_p
    threads = lib.openblas_get_num_threads()
    if threads != 1:
        sys.exit("bench-openblas: OpenBLAS runs %d threads, expected 1" % threads)
    return so[0], lib.openblas_get_corename().decode(), lib.openblas_get_config().decode()


def operands(shape, rng):
    tt, m, n, k = shape.split(":")
    m, n, k = int(m), int(n), int(k)
    # A transposed is stored k×m and passed as a.T (no copy: numpy hands BLAS the transpose flag).
    a = rng.uniform(-1, 1, (k, m) if tt[0] == "T" else (m, k)).astype(np.float32)
    b = rng.uniform(-1, 1, (n, k) if tt[1] == "T" else (k, n)).astype(np.float32)
    return (a.T if tt[0] == "T" else a), (b.T if tt[1] == "T" else b), 2.0 * m * n * k


def rate(a, b, c, flops):
    """GFLOP/s by the wall clock and by this thread's CPU time."""
    reps = 1
    while True:
        t = time.perf_counter()
        u = time.thread_time()
        for _ in range(reps):
            np.matmul(a, b, out=c)
        dt = time.perf_counter() - t
        du = time.thread_time() - u
        if dt >= 0.5:
            return flops * reps / dt / 1e9, flops * reps / max(du, 1e-9) / 1e9
        reps *= 2


def main():
    path, core, config = loaded_openblas()
    print("OpenBLAS: %s, core %s, %s, 1 thread" % (path, core, config))
    print("load before: %s" % open("/proc/loadavg").read().strip())
    rng = np.random.default_rng(1)
    for shape in sys.argv[1:] or SHAPES:
        a, b, flops = operands(shape, rng)
        c = np.empty((a.shape[0], b.shape[1]), np.float32)
        rate(a, b, c, flops)  # warm-up
        rates = [rate(a, b, c, flops) for _ in range(7)]
        wall = [r[0] for r in rates]
        cpu = [r[1] for r in rates]
        print("openblas sgemm %-20s median %7.1f GFLOP/s  best %7.1f  cpu-time median %7.1f"
              % (shape, statistics.median(wall), max(wall), statistics.median(cpu)))
    print("load after:  %s" % open("/proc/loadavg").read().strip())


if __name__ == "__main__":
    main()
