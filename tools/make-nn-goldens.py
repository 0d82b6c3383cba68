#!/usr/bin/python3
"""Writes testdata/nn/golden.txt: PyTorch's outputs and gradients for peerlearn's zoo models
and norm layers on deterministic inputs, read by peerlearn.nn.NnGoldenTest.

Run with Debian's python3-torch (PyTorch 1.13 CPU):
    /usr/bin/python3 tools/make-nn-goldens.py > testdata/nn/golden.txt

Deterministic values (i counts from 0 in row-major / flat-parameter order):
    parameters  p_i = 0.1 * sin(0.7 i + 0.3), over the flat vector in registration order
                (PyTorch's named_parameters order equals peerlearn's layout order)
    inputs      x_i = cos(0.11 i)
    weights     r_i = sin(0.37 i + 1) for layer cases, whose loss is L = sum_i r_i y_i
Model cases use labels (3, 7) and the mean cross-entropy, and print for the k-th parameter
tensor (in flat order) its gradient's first 6 values, sum and sum of squares ("grad.k").
Each line is
    <case> <quantity> <n> <values...>
with float32 values printed to 9 significant digits.
"""
import math
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from importlib import import_module  # noqa: E402

bench = import_module("bench-torch-lenet")
torch.set_num_threads(1)


def det(n, f):
    return torch.tensor([f(i) for i in range(n)], dtype=torch.float32)


def set_flat(module):
    params = list(module.parameters())
    total = sum(p.numel() for p in params)
    flat = det(total, lambda i: 0.1 * math.sin(0.7 * i + 0.3))
    at = 0
    with torch.no_grad():
        for p in params:
            p.copy_(flat[at:at + p.numel()].reshape(p.shape))
            at += p.numel()


def emit(case, what, t):
    v = t.detach().reshape(-1).tolist()
    print(case, what, len(v), " ".join(f"{x:.9g}" for x in v))


def model_case(case, model, shape):
    set_flat(model)
    x = det(2 * math.prod(shape), lambda i: math.cos(0.11 * i)).reshape(2, *shape)
    logits = model(x)
    loss = F.cross_entropy(logits, torch.tensor([3, 7]))
    loss.backward()
    emit(case, "logits", logits)
    emit(case, "loss", loss)
    for k, p in enumerate(model.parameters()):
        g = p.grad.reshape(-1).double()
        emit(case, f"grad.{k}", torch.cat([g[:6], g.sum().reshape(1), (g * g).sum().reshape(1)]))


def layer_case(case, layer, shape, train=True):
    set_flat(layer)
    layer.train(train)
    x = det(math.prod(shape), lambda i: math.cos(0.11 * i)).reshape(*shape).requires_grad_()
    y = layer(x)
    r = det(y.numel(), lambda i: math.sin(0.37 * i + 1)).reshape(y.shape)
    (r * y).sum().backward()
    emit(case, "y", y)
    emit(case, "dx", x.grad)
    emit(case, "grad", torch.cat([p.grad.reshape(-1) for p in layer.parameters()]))
    if isinstance(layer, nn.BatchNorm2d):
        emit(case, "running", torch.cat([layer.running_mean, layer.running_var]))


print("# written by tools/make-nn-goldens.py with PyTorch", torch.__version__)
model_case("lenet5", bench.LeNet5(), (1, 28, 28))
model_case("cganet5", bench.CgaNet5(channels=1, flat=576), (1, 28, 28))
layer_case("groupnorm", nn.GroupNorm(2, 4), (2, 4, 3, 3))
layer_case("batchnorm", nn.BatchNorm2d(4), (2, 4, 3, 3))
layer_case("evonorm", bench.EvoNormS0(8, groups=4), (2, 8, 2, 3))
