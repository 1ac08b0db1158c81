"""Iris species: a network trained in Wiregrad, rebuilt in PyTorch.

Run: python3 this_script.py iris.model.json data.csv
It loads the trained weights from the model file and prints one prediction per CSV row.
The CSV needs the feature columns by name; other columns are ignored.
"""
import csv
import json
import sys

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

FEATURES = ["sepal_length_cm","sepal_width_cm","petal_length_cm","petal_width_cm"]
CLASSES = ["setosa","versicolor","virginica"]
MEAN = torch.tensor([5.8349999984105425,3.044166668256124,3.7883333186308543,1.2141666584337751])
STD = torch.tensor([0.8373221015919832,0.4339346813978692,1.7825161638425426,0.7768843487336944])

model = nn.Sequential(
    nn.Linear(4, 16),
    nn.ReLU(),
    nn.Linear(16, 3),
)

loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)


def load_weights(path):
    """Copies the weights of a Wiregrad model file into the model."""
    with open(path, encoding="utf-8") as file:
        saved = json.load(file)
    state = {
        name: torch.tensor(entry["values"], dtype=torch.float32).reshape(entry["shape"])
        for name, entry in saved["stateDict"].items()
    }
    model.load_state_dict(state)


def standardize(features):
    """Scales the features as in training: (x - mean) / std."""
    return features if MEAN is None else (features - MEAN) / STD


def read_features(path):
    """Reads the feature columns of a CSV file, by name, as a float32 tensor."""
    with open(path, newline="", encoding="utf-8-sig") as file:
        rows = list(csv.DictReader(file))
    return torch.tensor([[float(row[name]) for name in FEATURES] for row in rows], dtype=torch.float32)


def train(features, targets, epochs=100, batch_size=16):
    """Trains on raw features [N, 4] and targets with the settings used in Wiregrad."""
    targets = torch.as_tensor(targets, dtype=torch.long)
    loader = DataLoader(TensorDataset(standardize(features), targets), batch_size=batch_size, shuffle=True)
    for epoch in range(epochs):
        model.train()
        total = 0.0
        for x, y in loader:
            optimizer.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()
            optimizer.step()
            total += loss.item() * len(x)
        print(f"epoch {epoch + 1}/{epochs}  train loss {total / len(loader.dataset):.4f}")


if __name__ == "__main__":
    load_weights(sys.argv[1] if len(sys.argv) > 1 else "iris.model.json")
    if len(sys.argv) > 2:
        model.eval()
        with torch.no_grad():
            outputs = model(standardize(read_features(sys.argv[2])))
        for row in torch.softmax(outputs, dim=1).tolist():
            best = max(range(len(row)), key=row.__getitem__)
            print(CLASSES[best], *(repr(p) for p in row), sep=",")
