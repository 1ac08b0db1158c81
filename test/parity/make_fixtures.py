"""Write test/parity/fixtures.json with reference values from PyTorch.

Run with the interpreter that has torch: /usr/bin/python3 test/parity/make_fixtures.py
Float tensors are float32, class labels are stored as int32, and every seed is
fixed, so a rerun writes the same file.
"""

import json
import math
import os
import sys

import torch

# The case modules sit beside this script. No __pycache__ is left in the test tree.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import cases_nn  # noqa: E402
import cases_ops  # noqa: E402
import cases_optim  # noqa: E402
from fixture_io import pack  # noqa: E402


def init_bounds():
    """Bounds of the uniform initializers, computed by torch's own helpers."""
    calculate_gain = torch.nn.init.calculate_gain
    fan_in, fan_out = 20, 30

    leaky_gain = calculate_gain("leaky_relu", 0.2)
    return {
        "fanIn": fan_in,
        "fanOut": fan_out,
        "linearDefault": 1 / math.sqrt(fan_in),
        "xavierUniformGain2": 2 * math.sqrt(6 / (fan_in + fan_out)),
        "kaimingUniformLeakyRelu02FanIn": leaky_gain * math.sqrt(3 / fan_in),
        "kaimingUniformReluFanOut": calculate_gain("relu") * math.sqrt(3 / fan_out),
    }


def one_hot_case():
    labels = torch.tensor([0, 2, 1, 2, 0])
    return {"labels": pack(labels), "numClasses": 4, "out": pack(torch.nn.functional.one_hot(labels, 4))}


def main():
    torch.manual_seed(0)
    torch.set_default_dtype(torch.float32)
    gen = torch.Generator().manual_seed(1234)

    fixtures = {"torchVersion": torch.__version__}
    fixtures.update(cases_ops.build(gen))
    fixtures.update(cases_nn.build(gen))
    fixtures.update(cases_optim.build(gen))
    fixtures["oneHot"] = one_hot_case()
    fixtures["initBounds"] = init_bounds()

    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures.json")
    with open(path, "w") as f:
        json.dump(fixtures, f, separators=(",", ":"), allow_nan=False)
        f.write("\n")
    print(f"wrote {path} ({os.path.getsize(path)} bytes)")


if __name__ == "__main__":
    main()
