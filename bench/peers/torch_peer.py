"""PyTorch peer: measures one workload (spec as JSON in argv[1]) and prints the result line.

Runs with PyTorch's default thread settings. The timing rules match bench/peers/timing.ts:
runs stop early once the time so far plus the last run's time would pass maxSeconds.
"""

import json
import math
import os
import sys
import time

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

RESULT_MARKER = "@@wiregrad-bench-result "


def blas_info():
    """Return the BLAS library this process loaded and its thread count, where known."""
    paths = set()
    with open("/proc/self/maps", encoding="utf-8") as maps:
        for line in maps:
            path = line.split()[-1]
            name = os.path.basename(path)
            if "blas" in name or "mkl_rt" in name or "blis" in name:
                paths.add(os.path.realpath(path))
    if not paths:
        return "none found in /proc/self/maps", None

    path = sorted(paths)[0]
    if "openblas" in path:
        import ctypes

        threads = ctypes.CDLL(path).openblas_get_num_threads()
        return f"OpenBLAS ({path})", threads
    if "/blas/" in path and "libblas.so" in path:
        return f"reference BLAS from netlib, single-threaded ({path})", 1
    return path, None


def peer_info():
    """Describe the torch build and its threading."""
    blas, blas_threads = blas_info()
    threads = torch.get_num_threads()
    details = {
        "torch.get_num_threads()": threads,
        "torch.get_num_interop_threads()": torch.get_num_interop_threads(),
        "blas": blas,
        "python": f"{sys.version.split()[0]} ({sys.executable})",
        "cpus": os.cpu_count(),
    }
    if blas_threads is not None:
        details["blasThreads"] = blas_threads
    notes = []
    if threads < (os.cpu_count() or 1):
        cpus = os.cpu_count()
        notes.append(f"By default torch.get_num_threads() is {threads} of {cpus} CPUs here")
    return {
        "name": "PyTorch",
        "version": torch.__version__,
        "threads": threads,
        "details": details,
        "notes": notes,
    }


def time_runs(run, repeats, max_seconds):
    """Run `run` up to `repeats` times; return the seconds of each run."""
    seconds = []
    while len(seconds) < repeats:
        if seconds and sum(seconds) + seconds[-1] > max_seconds:
            break
        start = time.perf_counter()
        run()
        seconds.append(time.perf_counter() - start)
    return seconds


def build_layer(layer):
    kind = layer["type"]
    if kind == "linear":
        return nn.Linear(layer["inFeatures"], layer["outFeatures"])
    if kind == "relu":
        return nn.ReLU()
    if kind == "sigmoid":
        return nn.Sigmoid()
    if kind == "dropout":
        return nn.Dropout(layer["p"])
    raise ValueError(f"unknown layer type {kind!r}")


def make_loader(spec):
    """Standard normal inputs and uniform labels, in a shuffling DataLoader seeded by spec.seed."""
    linears = [layer for layer in spec["layers"] if layer["type"] == "linear"]
    samples = spec["samples"]
    x = torch.randn(samples, linears[0]["inFeatures"])
    if spec["loss"] == "bce":
        y = torch.randint(0, 2, (samples, 1)).float()
    else:
        y = torch.randint(0, linears[-1]["outFeatures"], (samples,))
    generator = torch.Generator().manual_seed(spec["seed"])
    dataset = TensorDataset(x, y)
    return DataLoader(dataset, batch_size=spec["batchSize"], shuffle=True, generator=generator)


def measure_training(spec):
    torch.manual_seed(spec["seed"])
    loader = make_loader(spec)
    model = nn.Sequential(*[build_layer(layer) for layer in spec["layers"]])
    loss_fn = nn.BCELoss() if spec["loss"] == "bce" else nn.CrossEntropyLoss()
    settings = spec["optimizer"]
    if settings["name"] == "sgd":
        momentum = settings["momentum"]
        optimizer = torch.optim.SGD(model.parameters(), lr=settings["lr"], momentum=momentum)
    else:
        optimizer = torch.optim.Adam(model.parameters(), lr=settings["lr"])

    last_loss = [float("nan")]

    def train_batches(batches):
        done = 0
        while done < batches:
            for xb, yb in loader:
                optimizer.zero_grad()
                loss = loss_fn(model(xb), yb)
                loss.backward()
                optimizer.step()
                done += 1
                if done == batches:
                    last_loss[0] = loss.item()
                    return

    train_batches(spec["warmupBatches"])
    batches_per_run = spec["epochs"] * len(loader)
    seconds = time_runs(lambda: train_batches(batches_per_run), spec["repeats"], spec["maxSeconds"])
    samples_per_run = spec["samples"] * spec["epochs"]
    return {
        "kind": "train",
        "peer": peer_info(),
        "samplesPerSecond": [samples_per_run / s for s in seconds],
        "finalLoss": last_loss[0] if math.isfinite(last_loss[0]) else None,
    }


def measure_matmul(spec):
    torch.manual_seed(spec["seed"])
    sizes = []
    for n in spec["sizes"]:
        a = torch.randn(n, n)
        b = torch.randn(n, n)
        a.matmul(b)
        rates = []

        def run():
            count = 0
            start = time.perf_counter()
            elapsed = 0.0
            while count == 0 or elapsed < spec["minRunSeconds"]:
                a.matmul(b)
                count += 1
                elapsed = time.perf_counter() - start
            rates.append(2 * n**3 * count / elapsed / 1e9)

        time_runs(run, spec["repeats"], spec["maxSeconds"])
        sizes.append({"n": n, "gflopsPerSecond": rates})
    return {"kind": "matmul", "peer": peer_info(), "sizes": sizes}


def main():
    spec = json.loads(sys.argv[1])
    with torch.no_grad() if spec["kind"] == "matmul" else torch.enable_grad():
        result = measure_matmul(spec) if spec["kind"] == "matmul" else measure_training(spec)
    print(RESULT_MARKER + json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
