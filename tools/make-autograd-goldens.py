#!/usr/bin/python3
"""Writes the autograd golden files in testdata/autograd/ from PyTorch.

Run from the repository root with Debian's Python, which has PyTorch (python3-torch):

    /usr/bin/python3 tools/make-autograd-goldens.py

Each case file (conv2d_*.txt, maxpool_*.txt, avgpool_*.txt, groupnorm.txt, batchnorm_*.txt,
cross_entropy.txt) holds named blocks, one per line pair:

    tensor NAME d0 d1 ...      followed by one line of float32 values (row-major, %.9g)
    ints NAME n                followed by one line of integers
    scalar NAME value          a number (hyper-parameters: stride, padding, groups, eps, ...)

Inputs are drawn from a fixed seed; outputs are the forward value `y` and, for the weights
`r` (also stored), the gradients `grad_<input>` of L = sum(r * y). The JUnit class
peerlearn.autograd.AutogradGoldenTest reads them; the tests never run Python.
"""
import os
import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "testdata", "autograd")
torch.manual_seed(20261122)


def fmt(t):
    return " ".join("%.9g" % v for v in t.detach().reshape(-1).tolist())


def write(name, blocks):
    path = os.path.join(OUT, name + ".txt")
    with open(path, "w") as f:
        f.write("# %s: written by tools/make-autograd-goldens.py (PyTorch %s); do not edit\n"
                % (name, torch.__version__))
        for key, value in blocks:
            if isinstance(value, torch.Tensor) and value.dtype == torch.int64:
                f.write("ints %s %d\n%s\n" % (key, value.numel(), " ".join(str(v) for v in value.tolist())))
            elif isinstance(value, torch.Tensor):
                f.write("tensor %s %s\n%s\n" % (key, " ".join(str(d) for d in value.shape), fmt(value)))
            else:
                f.write("scalar %s %r\n" % (key, value))
    print("wrote", os.path.relpath(path))


def leaf(*shape):
    return torch.randn(*shape, dtype=torch.float32).requires_grad_(True)


def backward(y, inputs):
    """Gradients of L = sum(r * y) for random r; returns r and the gradients."""
    r = torch.randn(y.shape, dtype=torch.float32)
    (y * r).sum().backward()
    return r, [("grad_" + name, t.grad) for name, t in inputs]


def conv(name, x_shape, w_shape, stride, pad):
    x, w, b = leaf(*x_shape), leaf(*w_shape), leaf(w_shape[0])
    y = F.conv2d(x, w, b, stride=stride, padding=pad)
    r, grads = backward(y, [("x", x), ("w", w), ("b", b)])
    write(name, [("stride", stride), ("pad", pad), ("x", x), ("w", w), ("b", b), ("y", y), ("r", r)] + grads)


def pool(name, fn, x_shape, kernel, stride):
    x = leaf(*x_shape)
    y = fn(x, kernel, stride)
    r, grads = backward(y, [("x", x)])
    write(name, [("kernel", kernel), ("stride", stride), ("x", x), ("y", y), ("r", r)] + grads)


def group_norm():
    x, g, b = leaf(2, 6, 3, 3), leaf(6), leaf(6)
    y = F.group_norm(x, 3, g, b, eps=1e-5)
    r, grads = backward(y, [("x", x), ("gamma", g), ("beta", b)])
    write("groupnorm", [("groups", 3), ("eps", 1e-5), ("x", x), ("gamma", g), ("beta", b), ("y", y), ("r", r)]
          + grads)


def batch_norm(training):
    x, g, b = leaf(4, 3, 3, 3), leaf(3), leaf(3)
    mean = torch.randn(3)
    var = torch.rand(3) + 0.5
    mean_before, var_before = mean.clone(), var.clone()
    y = F.batch_norm(x, mean, var, g, b, training=training, momentum=0.1, eps=1e-5)
    r, grads = backward(y, [("x", x), ("gamma", g), ("beta", b)])
    write("batchnorm_" + ("train" if training else "eval"),
          [("momentum", 0.1), ("eps", 1e-5), ("x", x), ("gamma", g), ("beta", b),
           ("running_mean", mean_before), ("running_var", var_before), ("y", y), ("r", r)] + grads
          + [("running_mean_after", mean), ("running_var_after", var)])


def cross_entropy():
    z = torch.randn(5, 7) * 3
    z[4, 2] = 60.0   # a large logit: the loss must stay finite and exact
    z[4, 5] = -45.0
    z.requires_grad_(True)
    labels = torch.tensor([0, 6, 3, 3, 5], dtype=torch.int64)
    loss = F.cross_entropy(z, labels)
    loss.backward()
    write("cross_entropy", [("z", z), ("labels", labels), ("loss", loss.reshape(1)), ("grad_z", z.grad)])


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    conv("conv2d_s1_p1", (2, 3, 5, 5), (4, 3, 3, 3), 1, 1)
    conv("conv2d_s2_p1", (2, 3, 7, 6), (4, 3, 3, 3), 2, 1)
    conv("conv2d_s2_p2_k5", (1, 2, 9, 8), (3, 2, 5, 5), 2, 2)
    conv("conv2d_s1_p0_k1", (2, 4, 3, 3), (5, 4, 1, 1), 1, 0)
    pool("maxpool_k2_s2", F.max_pool2d, (2, 3, 6, 6), 2, 2)
    pool("maxpool_k3_s2", F.max_pool2d, (1, 2, 7, 8), 3, 2)
    pool("avgpool_k2_s2", F.avg_pool2d, (2, 3, 6, 6), 2, 2)
    pool("avgpool_k3_s1", F.avg_pool2d, (1, 2, 5, 6), 3, 1)
    group_norm()
    batch_norm(True)
    batch_norm(False)
    cross_entropy()
