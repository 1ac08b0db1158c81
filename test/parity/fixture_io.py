"""Convert torch tensors to the JSON form that the parity tests read."""

import numpy as np
import torch


def pack(t):
    """Return {shape, dtype, data} with data flat in row-major order.

    Float values are written as the shortest decimal that parses back to the
    same float32, so the tests rebuild every input bit for bit.
    """
    t = t.detach()
    shape = list(t.shape)

    if t.dtype.is_floating_point:
        flat = t.to(torch.float32).reshape(-1).numpy()
        data = [float(np.format_float_positional(v, unique=True)) for v in flat]
        return {"shape": shape, "dtype": "float32", "data": data}

    data = [int(v) for v in t.reshape(-1).tolist()]
    return {"shape": shape, "dtype": "int32", "data": data}


def pack_all(tensors):
    return {name: pack(t) for name, t in tensors.items()}


def weights_like(out, generator):
    """Draw a fixed random weight for `(out * w).sum()` so every gradient element matters."""
    return torch.randn(out.shape, generator=generator, dtype=torch.float32)


def backward_weighted(out, generator):
    """Backpropagate `(out * w).sum()`, or `out` itself when it is a scalar, and return w or None."""
    if out.dim() == 0:
        out.backward()
        return None

    w = weights_like(out, generator)
    (out * w).sum().backward()
    return w
