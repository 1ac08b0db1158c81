"""Tensor op cases: forward values and gradients of `(out * w).sum()`."""

import torch

from fixture_io import backward_weighted, pack, pack_all


def other(x, args):
    return x["b"] if "b" in x else args["scalar"]


# Each entry mirrors the entry of the same name in test/helpers/op-table.ts.
OPS = {
    "add": lambda x, args: x["a"] + other(x, args),
    "sub": lambda x, args: x["a"] - other(x, args),
    "mul": lambda x, args: x["a"] * other(x, args),
    "div": lambda x, args: x["a"] / other(x, args),
    "matmul": lambda x, args: x["a"].matmul(x["b"]),
    "matmulT": lambda x, args: x["a"].matmul(x["b"].t()),
    "neg": lambda x, args: x["a"].neg(),
    "exp": lambda x, args: x["a"].exp(),
    "log": lambda x, args: x["a"].log(),
    "pow": lambda x, args: x["a"].pow(args["exponent"]),
    "sum": lambda x, args: reduce(x["a"].sum, args),
    "mean": lambda x, args: reduce(x["a"].mean, args),
    "argmax": lambda x, args: x["a"].argmax(args["dim"]),
    "reshape": lambda x, args: x["a"].reshape(args["shape"]),
    "t": lambda x, args: x["a"].t(),
    "sigmoid": lambda x, args: x["a"].sigmoid(),
    "relu": lambda x, args: x["a"].relu(),
    "tanh": lambda x, args: x["a"].tanh(),
    "leakyRelu": lambda x, args: torch.nn.functional.leaky_relu(x["a"], args["slope"]),
    "softmax": lambda x, args: x["a"].softmax(args["dim"]),
    "logSoftmax": lambda x, args: x["a"].log_softmax(args["dim"]),
    "mulSelf": lambda x, args: x["a"] * x["a"],
    "reluTwice": lambda x, args: (x["a"].relu() - 0.5).relu(),
    "usedTwice": lambda x, args: (x["a"] * x["b"]) + x["a"].exp(),
    "detach": lambda x, args: x["a"].detach() * x["b"] + x["a"],
    "chain": lambda x, args: (x["a"].matmul(x["b"]) + x["c"]).tanh().mul(2).sum(1),
}


def reduce(method, args):
    if "dim" not in args:
        return method()
    return method(args["dim"], keepdim=args.get("keepdim", False))


def randn(gen, *shape):
    return torch.randn(shape, generator=gen, dtype=torch.float32)


def positive(gen, *shape):
    return torch.rand(shape, generator=gen, dtype=torch.float32) * 2 + 0.5


def away_from_zero(gen, *shape):
    """Values in ±[0.2, 1.7] so relu and leakyRelu are differentiable at each point."""
    magnitude = torch.rand(shape, generator=gen, dtype=torch.float32) * 1.5 + 0.2
    sign = torch.randint(0, 2, shape, generator=gen).to(torch.float32) * 2 - 1
    return magnitude * sign


def large_logits():
    return torch.tensor(
        [[1000.0, -1000.0, 0.0], [-1000.0, -1000.0, -1000.0], [1000.0, 1000.0, 999.0]]
    )


def case_list(gen):
    r = lambda *s: randn(gen, *s)
    p = lambda *s: positive(gen, *s)
    k = lambda *s: away_from_zero(gen, *s)

    return [
        ("add same shape", "add", {"a": r(3, 4), "b": r(3, 4)}, {}),
        ("add broadcast [3,4]+[4]", "add", {"a": r(3, 4), "b": r(4)}, {}),
        ("add broadcast [3,1]+[1,4]", "add", {"a": r(3, 1), "b": r(1, 4)}, {}),
        ("add broadcast [3,4]+[1]", "add", {"a": r(3, 4), "b": r(1)}, {}),
        ("add scalar", "add", {"a": r(3, 4)}, {"scalar": 2.5}),
        ("add 0-d tensor", "add", {"a": r(3, 4), "b": torch.tensor(1.5)}, {}),
        ("sub same shape", "sub", {"a": r(3, 4), "b": r(3, 4)}, {}),
        ("sub broadcast [4]-[3,4]", "sub", {"a": r(4), "b": r(3, 4)}, {}),
        ("sub scalar", "sub", {"a": r(3, 4)}, {"scalar": 0.75}),
        ("mul same shape", "mul", {"a": r(3, 4), "b": r(3, 4)}, {}),
        ("mul broadcast [3,1]*[1,4]", "mul", {"a": r(3, 1), "b": r(1, 4)}, {}),
        ("mul broadcast [2,3,4]*[3,1]", "mul", {"a": r(2, 3, 4), "b": r(3, 1)}, {}),
        ("mul scalar", "mul", {"a": r(3, 4)}, {"scalar": -1.5}),
        ("mul 0-d tensor", "mul", {"a": r(3, 4), "b": torch.tensor(-0.75)}, {}),
        ("div same shape", "div", {"a": r(3, 4), "b": p(3, 4)}, {}),
        ("div broadcast [3,4]/[4]", "div", {"a": r(3, 4), "b": p(4)}, {}),
        ("div scalar", "div", {"a": r(3, 4)}, {"scalar": 3.0}),
        ("matmul [2,3]x[3,4]", "matmul", {"a": r(2, 3), "b": r(3, 4)}, {}),
        ("matmul [5,4]x[4,1]", "matmul", {"a": r(5, 4), "b": r(4, 1)}, {}),
        ("matmul with t()", "matmulT", {"a": r(6, 5), "b": r(3, 5)}, {}),
        ("neg", "neg", {"a": r(3, 4)}, {}),
        ("exp", "exp", {"a": r(3, 4)}, {}),
        ("log", "log", {"a": p(3, 4)}, {}),
        ("pow 2", "pow", {"a": r(3, 4)}, {"exponent": 2}),
        ("pow 3", "pow", {"a": r(3, 4)}, {"exponent": 3}),
        ("pow 0.5", "pow", {"a": p(3, 4)}, {"exponent": 0.5}),
        ("pow -1", "pow", {"a": p(3, 4)}, {"exponent": -1}),
        ("pow 0 with a zero element", "pow", {"a": torch.tensor([[0.0, 1.5], [-2.0, 0.5]])}, {"exponent": 0}),
        ("pow 2 at zero", "pow", {"a": torch.tensor([[0.0, 1.5], [-2.0, 0.5]])}, {"exponent": 2}),
        ("sum all", "sum", {"a": r(3, 4)}, {}),
        ("sum dim 0", "sum", {"a": r(3, 4)}, {"dim": 0}),
        ("sum dim 1 keepdim", "sum", {"a": r(3, 4)}, {"dim": 1, "keepdim": True}),
        ("sum dim -1", "sum", {"a": r(3, 4)}, {"dim": -1}),
        ("sum middle dim of [2,3,4]", "sum", {"a": r(2, 3, 4)}, {"dim": 1}),
        ("mean all", "mean", {"a": r(3, 4)}, {}),
        ("mean dim 0", "mean", {"a": r(3, 4)}, {"dim": 0}),
        ("mean dim 1 keepdim", "mean", {"a": r(3, 4)}, {"dim": 1, "keepdim": True}),
        ("mean middle dim keepdim", "mean", {"a": r(2, 3, 4)}, {"dim": 1, "keepdim": True}),
        ("argmax dim 1", "argmax", {"a": r(5, 4)}, {"dim": 1}),
        ("argmax dim 0", "argmax", {"a": r(5, 4)}, {"dim": 0}),
        ("argmax ties pick first", "argmax", {"a": torch.tensor([[1.0, 3.0, 3.0], [2.0, 2.0, 2.0]])}, {"dim": 1}),
        ("reshape [2,3,4] to [6,4]", "reshape", {"a": r(2, 3, 4)}, {"shape": [6, 4]}),
        ("reshape with -1", "reshape", {"a": r(2, 3, 4)}, {"shape": [4, -1]}),
        ("t", "t", {"a": r(3, 4)}, {}),
        ("sigmoid", "sigmoid", {"a": r(3, 4) * 3}, {}),
        ("relu", "relu", {"a": k(3, 4)}, {}),
        ("relu at exactly 0", "relu", {"a": torch.tensor([[-1.0, 0.0, 1.0], [0.0, 2.0, -0.0]])}, {}),
        ("relu of relu output", "reluTwice", {"a": k(3, 4)}, {}),
        ("tanh", "tanh", {"a": r(3, 4) * 2}, {}),
        ("leakyRelu 0.01", "leakyRelu", {"a": k(3, 4)}, {"slope": 0.01}),
        ("leakyRelu 0.2", "leakyRelu", {"a": k(3, 4)}, {"slope": 0.2}),
        ("leakyRelu at exactly 0", "leakyRelu", {"a": torch.tensor([[-1.0, 0.0, 1.0], [0.0, 2.0, -0.0]])}, {"slope": 0.1}),
        ("sigmoid saturated", "sigmoid", {"a": torch.tensor([[-1000.0, -100.0, -20.0], [20.0, 100.0, 1000.0]])}, {}),
        ("tanh saturated", "tanh", {"a": torch.tensor([[-1000.0, -100.0, -20.0], [20.0, 100.0, 1000.0]])}, {}),
        ("softmax dim 1", "softmax", {"a": r(3, 4) * 2}, {"dim": 1}),
        ("softmax dim 0", "softmax", {"a": r(3, 4) * 2}, {"dim": 0}),
        ("softmax dim -1", "softmax", {"a": r(3, 4) * 2}, {"dim": -1}),
        ("softmax of 1-D tensor", "softmax", {"a": r(5) * 2}, {"dim": 0}),
        ("softmax large logits", "softmax", {"a": large_logits()}, {"dim": 1}),
        ("logSoftmax dim 1", "logSoftmax", {"a": r(3, 4) * 2}, {"dim": 1}),
        ("logSoftmax dim 0", "logSoftmax", {"a": r(3, 4) * 2}, {"dim": 0}),
        ("logSoftmax large logits", "logSoftmax", {"a": large_logits()}, {"dim": 1}),
        ("tensor used twice in mul", "mulSelf", {"a": r(3, 4)}, {}),
        ("tensor used twice in two ops", "usedTwice", {"a": r(3, 4), "b": r(3, 4)}, {}),
        ("detach blocks gradient", "detach", {"a": r(3, 4), "b": r(3, 4)}, {}),
        ("chain matmul add tanh", "chain", {"a": r(4, 3), "b": r(3, 5), "c": r(5)}, {}),
    ]


def run_case(name, op, inputs, args, gen):
    differentiable = op != "argmax"
    leaves = {k: v.clone().requires_grad_(differentiable) for k, v in inputs.items()}
    out = OPS[op](leaves, args)

    case = {"name": name, "op": op, "args": args, "inputs": pack_all(inputs), "out": pack(out)}
    if not differentiable:
        return case

    w = backward_weighted(out, gen)
    case["w"] = None if w is None else pack(w)
    case["grads"] = pack_all({k: v.grad for k, v in leaves.items()})
    return case


def accumulation_case(gen):
    """Two backward calls on graphs that share a leaf add their gradients."""
    a = torch.randn(3, 4, generator=gen).requires_grad_()
    w1 = torch.randn(3, 4, generator=gen)
    w2 = torch.randn(3, 4, generator=gen)

    (a * w1).sum().backward()
    (a.exp() * w2).sum().backward()

    return {"a": pack(a), "w1": pack(w1), "w2": pack(w2), "grad": pack(a.grad)}


def build(gen):
    cases = [run_case(*c, gen) for c in case_list(gen)]
    return {"ops": cases, "accumulation": accumulation_case(gen)}
