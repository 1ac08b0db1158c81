"""Module and loss cases: forward values and gradients."""

import torch
import torch.nn as nn

from fixture_io import backward_weighted, pack, pack_all


def make_layer(spec):
    kind = spec["type"]
    if kind == "Linear":
        return nn.Linear(spec["inFeatures"], spec["outFeatures"], bias=spec["bias"])
    if kind == "LeakyReLU":
        return nn.LeakyReLU(spec["negativeSlope"])
    if kind == "Softmax":
        return nn.Softmax(spec["dim"])
    if kind == "Dropout":
        return nn.Dropout(spec["p"])
    return getattr(nn, kind)()


def linear(n_in, n_out, bias=True):
    return {"type": "Linear", "inFeatures": n_in, "outFeatures": n_out, "bias": bias}


MODELS = [
    ("Linear with bias", [linear(5, 3)], [4, 5], "train"),
    ("Linear without bias", [linear(5, 3, bias=False)], [4, 5], "train"),
    ("Linear with 1-D input", [linear(5, 3)], [5], "train"),
    (
        "Sequential with every activation",
        [
            linear(5, 8),
            {"type": "Tanh"},
            linear(8, 6),
            {"type": "Sigmoid"},
            linear(6, 6),
            {"type": "LeakyReLU", "negativeSlope": 0.1},
            linear(6, 4),
            {"type": "ReLU"},
            {"type": "Dropout", "p": 0.5},
            linear(4, 3),
            {"type": "Softmax", "dim": 1},
        ],
        [7, 5],
        "eval",
    ),
]


def model_case(name, layers, input_shape, mode, gen):
    model = nn.Sequential(*[make_layer(s) for s in layers])
    for p in model.parameters():
        with torch.no_grad():
            p.copy_(torch.randn(p.shape, generator=gen) * 0.6)
    model.train(mode == "train")

    x = torch.randn(input_shape, generator=gen).requires_grad_()
    state = {k: v.clone() for k, v in model.state_dict().items()}
    out = model(x)
    w = backward_weighted(out, gen)

    grads = {n: p.grad for n, p in model.named_parameters()}
    return {
        "name": name,
        "layers": layers,
        "mode": mode,
        "stateDict": pack_all(state),
        "input": pack(x),
        "out": pack(out),
        "w": pack(w),
        "inputGrad": pack(x.grad),
        "paramGrads": pack_all(grads),
    }


def large_logits():
    return torch.tensor(
        [[1000.0, -1000.0, 0.0], [-1000.0, -1000.0, -1000.0], [1000.0, 1000.0, 999.0]]
    )


def loss_inputs(gen):
    r = lambda *s: torch.randn(s, generator=gen)
    u = lambda *s: torch.rand(s, generator=gen)
    labels = torch.randint(0, 4, (5,), generator=gen)
    probs = (r(5, 4) * 2).softmax(1)
    bits = torch.randint(0, 2, (6,), generator=gen).to(torch.float32)

    return [
        ("MSELoss", {"input": r(4, 3), "target": r(4, 3)}),
        ("CrossEntropyLoss class indices", {"input": r(5, 4) * 2, "target": labels}),
        ("CrossEntropyLoss probabilities", {"input": r(5, 4) * 2, "target": probs}),
        ("CrossEntropyLoss large logits", {"input": large_logits(), "target": torch.tensor([1, 2, 2])}),
        ("BCELoss", {"input": u(6) * 0.9 + 0.05, "target": bits}),
        ("BCELoss soft targets", {"input": u(2, 3) * 0.9 + 0.05, "target": u(2, 3)}),
        ("BCEWithLogitsLoss", {"input": r(6) * 3, "target": bits}),
        ("BCEWithLogitsLoss large logits", {"input": torch.tensor([100.0, -100.0, 50.0, -50.0]), "target": torch.tensor([0.0, 1.0, 1.0, 0.0])}),
    ]


def loss_case(name, tensors, reduction, gen):
    loss_name = name.split(" ")[0]
    loss_fn = getattr(nn, loss_name)(reduction=reduction)
    x = tensors["input"].clone().requires_grad_()
    out = loss_fn(x, tensors["target"])
    w = backward_weighted(out, gen)

    return {
        "name": f"{name} reduction {reduction}",
        "loss": loss_name,
        "reduction": reduction,
        "input": pack(tensors["input"]),
        "target": pack(tensors["target"]),
        "out": pack(out),
        "w": None if w is None else pack(w),
        "inputGrad": pack(x.grad),
    }


def saturated_bce_case():
    """BCELoss clamps each log term at -100, so probabilities of exactly 0 and 1 stay finite."""
    x = torch.tensor([0.0, 1.0, 0.5, 1.0])
    y = torch.tensor([1.0, 0.0, 1.0, 1.0])
    out = nn.BCELoss(reduction="none")(x, y)
    return {"input": pack(x), "target": pack(y), "out": pack(out)}


def build(gen):
    models = [model_case(*m, gen) for m in MODELS]

    losses = []
    for name, tensors in loss_inputs(gen):
        for reduction in ["mean", "sum", "none"]:
            losses.append(loss_case(name, tensors, reduction, gen))

    return {"models": models, "losses": losses, "bceSaturated": saturated_bce_case()}
