"""Optimizer steps and short training runs from fixed initial weights."""

import torch
import torch.nn as nn

from fixture_io import pack, pack_all

STEPS = 5

OPTIMIZERS = [
    ("SGD plain", "SGD", {"lr": 0.1}),
    ("SGD momentum", "SGD", {"lr": 0.1, "momentum": 0.9}),
    ("SGD momentum dampening", "SGD", {"lr": 0.1, "momentum": 0.9, "dampening": 0.5}),
    ("SGD nesterov", "SGD", {"lr": 0.1, "momentum": 0.9, "nesterov": True}),
    ("SGD weightDecay", "SGD", {"lr": 0.1, "weightDecay": 0.01}),
    ("SGD nesterov weightDecay", "SGD", {"lr": 0.05, "momentum": 0.8, "nesterov": True, "weightDecay": 0.1}),
    ("Adam defaults", "Adam", {}),
    ("Adam weightDecay", "Adam", {"lr": 0.01, "betas": [0.8, 0.99], "eps": 1e-6, "weightDecay": 0.1}),
    ("Adam large eps", "Adam", {"lr": 0.05, "eps": 0.1}),
]


def torch_options(options):
    renamed = {"weightDecay": "weight_decay"}
    return {renamed.get(k, k): v for k, v in options.items()}


def objective(params, data):
    """tanh(x @ weight.t() + bias) weighted by c, plus 0.1 * sum(weight^2)."""
    out = data["x"].matmul(params["weight"].t()).add(params["bias"]).tanh()
    return out.mul(data["c"]).sum().add(params["weight"].pow(2).sum().mul(0.1))


def optimizer_case(name, kind, options, gen):
    data = {"x": torch.randn(4, 3, generator=gen), "c": torch.randn(4, 2, generator=gen)}
    initial = {
        "weight": torch.randn(2, 3, generator=gen),
        "bias": torch.randn(2, generator=gen),
        "frozen": torch.randn(2, 2, generator=gen),
        "unused": torch.randn(3, generator=gen),
    }

    # frozen has requires_grad False, and unused requires grad but gets none from the loss.
    params = {k: v.clone().requires_grad_(k != "frozen") for k, v in initial.items()}
    opt = getattr(torch.optim, kind)(list(params.values()), **torch_options(options))

    losses, history = [], []
    for _ in range(STEPS):
        opt.zero_grad()
        loss = objective(params, data)
        loss.backward()
        opt.step()
        losses.append(loss.item())
        history.append(pack_all({k: params[k] for k in ["weight", "bias"]}))

    return {
        "name": name,
        "optimizer": kind,
        "options": options,
        "data": pack_all(data),
        "initial": pack_all(initial),
        "losses": losses,
        "history": history,
    }


def classification_run(gen):
    x = torch.randn(60, 4, generator=gen)
    y = ((x[:, 0] + x[:, 1] > 0).long() + (x[:, 2] > 0.5).long())
    model = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 3))
    opt_options = {"lr": 0.1, "momentum": 0.9}
    return train_run("SGD momentum CrossEntropyLoss 4-16-3", model, x, y, nn.CrossEntropyLoss(), "SGD", opt_options, 10, gen)


def regression_run(gen):
    x = torch.randn(42, 3, generator=gen)
    y = (x[:, :1] * 0.5 - x[:, 1:2].pow(2) * 0.3 + x[:, 2:3].sin()).detach()
    model = nn.Sequential(
        nn.Linear(3, 8), nn.Tanh(), nn.Linear(8, 8), nn.Sigmoid(),
        nn.Linear(8, 6), nn.LeakyReLU(0.1), nn.Linear(6, 1),
    )
    opt_options = {"lr": 0.01}
    return train_run("Adam MSELoss Tanh Sigmoid LeakyReLU", model, x, y, nn.MSELoss(), "Adam", opt_options, 8, gen)


LAYER_SPECS = {
    nn.ReLU: lambda m: {"type": "ReLU"},
    nn.Tanh: lambda m: {"type": "Tanh"},
    nn.Sigmoid: lambda m: {"type": "Sigmoid"},
    nn.LeakyReLU: lambda m: {"type": "LeakyReLU", "negativeSlope": m.negative_slope},
    nn.Linear: lambda m: {"type": "Linear", "inFeatures": m.in_features, "outFeatures": m.out_features, "bias": m.bias is not None},
}


def train_run(name, model, x, y, loss_fn, kind, options, batch_size, gen):
    layers = [LAYER_SPECS[type(m)](m) for m in model]
    initial = {k: v.clone() for k, v in model.state_dict().items()}
    opt = getattr(torch.optim, kind)(model.parameters(), **torch_options(options))

    losses = []
    for _ in range(5):
        for start in range(0, len(x), batch_size):
            opt.zero_grad()
            loss = loss_fn(model(x[start:start + batch_size]), y[start:start + batch_size])
            loss.backward()
            opt.step()
            losses.append(loss.item())

    return {
        "name": name,
        "layers": layers,
        "loss": type(loss_fn).__name__,
        "optimizer": kind,
        "options": options,
        "batchSize": batch_size,
        "epochs": 5,
        "x": pack(x),
        "y": pack(y),
        "initial": pack_all(initial),
        "losses": losses,
        "final": pack_all(model.state_dict()),
    }


def build(gen):
    return {
        "optimizers": [optimizer_case(*o, gen) for o in OPTIMIZERS],
        "training": [classification_run(gen), regression_run(gen)],
    }
