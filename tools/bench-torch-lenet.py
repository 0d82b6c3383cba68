#!/usr/bin/python3
"""Times the training steps of peerlearn's TrainStepBench in PyTorch, one thread.

One step = forward, cross-entropy, backward, SGD with momentum 0.9, on random inputs:
LeNet-5 on 1x28x28 at batch 32 and 128, and cganet5 (conv 32-32-64-64, EvoNorm-S0 with
8 groups, max-pool after layers 2-4, linear 1024->10) on 3x32x32 at batch 32.

Run with Debian's python3-torch (PyTorch 1.13 CPU; the `python3` on PATH may lack torch):
    /usr/bin/python3 tools/bench-torch-lenet.py [seconds-per-case]
Prints the median over 5 timed rounds of ms/step and samples/s, like TrainStepBench, by the wall
clock and by the thread's CPU time (time.thread_time; on a shared machine the CPU time is the
steadier figure, as waiting for a core does not count).

One thread means one thread in every library torch calls, not only in torch's own pool:
Debian's torch hands convolutions and linear layers to OpenBLAS (the pthread build), whose pool
torch.set_num_threads does not reach. Left alone, OpenBLAS ran 2 threads on a 2-core machine,
and as the thread CPU time counts the main thread only, the CPU-time figure was then no measure
of the work (LeNet-5 batch 32: 10.2 ms by the clock and 3.4 ms by the main thread's CPU time,
for a step that takes 2.7 ms on one thread). So the script pins OpenBLAS and OpenMP to one
thread before torch loads, clears OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE (which can force a slower
kernel), checks through threadpoolctl that every pool it finds has one thread, and also prints
the process CPU time (all threads), which then agrees with the thread CPU time.
"""
import os
import statistics
import sys
import time

os.environ.pop("OPENBLAS_CORETYPE", None)
os.environ.pop("OPENBLAS_L2_SIZE", None)
os.environ["OPENBLAS_NUM_THREADS"] = "1"
os.environ["OMP_NUM_THREADS"] = "1"

import torch  # noqa: E402  (after the environment is set)
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

torch.set_num_threads(1)


def thread_pools():
    """(library, threads, detail) of every native thread pool loaded, after one conv and one matmul."""
    F.conv2d(torch.randn(2, 3, 8, 8), torch.randn(4, 3, 3, 3))
    torch.randn(64, 64) @ torch.randn(64, 64)
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return None
    return [(p["prefix"], p["num_threads"], p.get("architecture") or p.get("threading_layer") or "")
            for p in threadpool_info()]


class LeNet5(nn.Module):
    def __init__(self, channels=1, pad=2):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, 6, 5, padding=pad)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(400, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = torch.flatten(x, 1)
        return self.fc3(F.relu(self.fc2(F.relu(self.fc1(x)))))


class EvoNormS0(nn.Module):
    """y = gamma * x * hardsigmoid(x) / sqrt(var_group(x) + eps) + beta, per-sample group variance."""

    def __init__(self, channels, groups=8, eps=1e-5):
        super().__init__()
        self.groups, self.eps = groups, eps
        self.weight = nn.Parameter(torch.ones(1, channels, 1, 1))
        self.bias = nn.Parameter(torch.zeros(1, channels, 1, 1))

    def forward(self, x):
        n, c, h, w = x.shape
        g = x.reshape(n, self.groups, -1)
        std = torch.sqrt(g.var(dim=-1, unbiased=False, keepdim=True) + self.eps)
        std = std.expand(n, self.groups, c // self.groups * h * w).reshape(n, c, h, w)
        return x * F.hardsigmoid(x) / std * self.weight + self.bias


class CgaNet5(nn.Module):
    def __init__(self, channels=3, flat=1024):
        super().__init__()
        widths = [32, 32, 64, 64]
        ins = [channels] + widths[:-1]
        # conv, norm pairs in this order so the flat parameter order equals peerlearn's
        self.layers = nn.ModuleList(nn.ModuleList([nn.Conv2d(i, o, 3, padding=1, bias=False), EvoNormS0(o)])
                                    for i, o in zip(ins, widths))
        self.fc = nn.Linear(flat, 10)

    def forward(self, x):
        for i, (conv, norm) in enumerate(self.layers):
            x = norm(conv(x))
            if i > 0:
                x = F.max_pool2d(x, 2)
        return self.fc(torch.flatten(x, 1))


def bench(name, model, shape, batch, seconds):
    torch.manual_seed(1)
    data = torch.randn(1024, *shape)
    labels = torch.randint(0, 10, (1024,))
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    position = [0]

    def step():
        i = position[0]
        if i + batch > 1024:
            i = 0
        position[0] = i + batch
        x, y = data[i:i + batch], labels[i:i + batch]
        opt.zero_grad()
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()

    start = time.perf_counter()
    warm = 0
    while time.perf_counter() - start < seconds * 0.5 or warm < 20:
        step()
        warm += 1
    per_step = (time.perf_counter() - start) / warm
    steps = max(5, int(seconds / 5 / per_step))
    rounds = []
    cpu_rounds = []
    process_rounds = []
    for _ in range(5):
        s = time.perf_counter()
        c = time.thread_time()
        pc = time.process_time()
        for _ in range(steps):
            step()
        rounds.append((time.perf_counter() - s) * 1000 / steps)
        cpu_rounds.append((time.thread_time() - c) * 1000 / steps)
        process_rounds.append((time.process_time() - pc) * 1000 / steps)
    med = statistics.median(rounds)
    cpu = statistics.median(cpu_rounds)
    print(f"{name:<24} {med:8.3f} {batch * 1000 / med:11.0f} {cpu:8.3f} {batch * 1000 / cpu:11.0f}"
          f"   (rounds {min(rounds):.3f} .. {max(rounds):.3f} ms, {steps} steps each;"
          f" process CPU {statistics.median(process_rounds):.3f} ms/step)")


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 3.0
    pools = thread_pools()
    if pools is None:
        print("bench-torch-lenet: threadpoolctl missing, thread pools not checked", file=sys.stderr)
    else:
        many = [p for p in pools if p[1] != 1]
        if many:
            sys.exit("bench-torch-lenet: thread pools with more than one thread: %s" % many)
    print(f"PyTorch {torch.__version__}, threads {torch.get_num_threads()}, mkldnn {torch.backends.mkldnn.is_available()},"
          f" pools {pools}")
    print("case                      ms/step   samples/s  cpu ms/step  cpu samples/s   (median of 5 rounds, one thread)")
    bench("lenet5 1x28x28 batch 32", LeNet5(), (1, 28, 28), 32, seconds)
    bench("lenet5 1x28x28 batch 128", LeNet5(), (1, 28, 28), 128, seconds)
    bench("cganet5 3x32x32 batch 32", CgaNet5(), (3, 32, 32), 32, seconds)


if __name__ == "__main__":
    main()
