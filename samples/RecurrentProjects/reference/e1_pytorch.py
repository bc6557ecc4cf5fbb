"""E1's LSTM in PyTorch with Keras's semantics: an independent check of DeepSeq's E1 figures, not part of the sample.

The same data (GOOG and AAPL closes 2010-01-04 .. 2018-12-31, AAPL x 4, no scaling, 30-day windows, target i + 31,
a shuffled 224-window test split, the last 10 % of training for validation), the same network (LSTM(512) with input
dropout 0.1 -> Dense(256, relu) -> Dropout(0.1) -> Dense(128, relu) -> Dense(2)) with Keras's initialisers
(glorot_uniform kernels, orthogonal recurrent kernel, zero biases, forget bias 1), Adam(1e-4, eps 1e-7), MSE,
batch 8, early stopping on val_loss with patience 3 restoring the best weights.

    python3 e1_pytorch.py DATA_DIR [--masks per-element|time-constant|none] [--seed 42]

--masks per-element is TF2's fused LSTM (one mask over the whole input, what the project ran); time-constant is
Keras 2's cell (one (batch, features) mask per sequence; here shared by the four gates, which for the inputs of the
network's prediction is the same bias); none drops nothing. Prints test MSE and MAPE.
"""
import argparse, csv, math, os, time
import torch
from torch import nn

p = argparse.ArgumentParser()
p.add_argument("data")
p.add_argument("--masks", default="per-element", choices=["per-element", "time-constant", "none"])
p.add_argument("--seed", type=int, default=42)
p.add_argument("--max-epochs", type=int, default=50)
args = p.parse_args()
torch.manual_seed(args.seed)
torch.set_num_threads(1)


def closes(symbol):
    with open(os.path.join(args.data, "stocks", symbol + ".csv")) as f:
        rows = [r for r in csv.DictReader(f) if "2010-01-04" <= r["Date"] <= "2018-12-31"]
    return [float(r["Close"]) * (4 if symbol == "AAPL" else 1) for r in rows]


series = torch.tensor(list(zip(closes("GOOG"), closes("AAPL"))), dtype=torch.float32)
n = series.shape[0] - 31
x = torch.stack([series[i:i + 30] for i in range(n)])
y = torch.stack([series[i + 31] for i in range(n)])
perm = torch.randperm(n, generator=torch.Generator().manual_seed(args.seed))
test, train = perm[:math.ceil(0.1 * n)], perm[math.ceil(0.1 * n):]
split = int(len(train) * 0.9)
xt, yt, xv, yv = x[train[:split]], y[train[:split]], x[train[split:]], y[train[split:]]
print(f"{n} windows: train {len(xt)}, validation {len(xv)}, test {len(test)}")


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(2, 512, batch_first=True)
        self.head = nn.Sequential(nn.Linear(512, 256), nn.ReLU(), nn.Dropout(0.1), nn.Linear(256, 128), nn.ReLU(),
                                  nn.Linear(128, 2))
        # Keras: glorot_uniform kernel, orthogonal recurrent kernel (per the whole (units, 4 units) matrix), zero
        # biases with the forget gate's at 1. PyTorch's gate order is i, f, g, o like Keras's i, f, c, o.
        nn.init.xavier_uniform_(self.lstm.weight_ih_l0)
        nn.init.orthogonal_(self.lstm.weight_hh_l0)
        nn.init.zeros_(self.lstm.bias_ih_l0)
        nn.init.zeros_(self.lstm.bias_hh_l0)
        with torch.no_grad():
            self.lstm.bias_ih_l0[512:1024] = 1
        for m in self.head:
            if isinstance(m, nn.Linear):
                nn.init.xavier_uniform_(m.weight)
                nn.init.zeros_(m.bias)

    def forward(self, x):
        if self.training and args.masks == "per-element":
            x = x * (torch.rand_like(x) >= 0.1) / 0.9
        elif self.training and args.masks == "time-constant":
            x = x * (torch.rand(x.shape[0], 1, x.shape[2]) >= 0.1) / 0.9
        out, _ = self.lstm(x)
        return self.head(out[:, -1])


def evaluate(net, xs, ys):
    net.eval()
    with torch.no_grad():
        pred = torch.cat([net(xs[i:i + 8]) for i in range(0, len(xs), 8)])
    net.train()
    return ((pred - ys) ** 2).mean().item(), (100 * ((pred - ys).abs() / ys.abs()).mean()).item()


net = Net()
opt = torch.optim.Adam(net.parameters(), lr=1e-4, eps=1e-7)
best, best_state, wait = float("inf"), None, 0
clock = time.time()
for epoch in range(args.max_epochs):
    order = torch.randperm(len(xt))
    for i in range(0, len(xt), 8):
        b = order[i:i + 8]
        loss = ((net(xt[b]) - yt[b]) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
    val_mse, val_mape = evaluate(net, xv, yv)
    print(f"epoch {epoch + 1}: val MSE {val_mse:.1f}, MAPE {val_mape:.2f} %")
    if val_mse < best:
        best, best_state, wait = val_mse, {k: v.clone() for k, v in net.state_dict().items()}, 0
    else:
        wait += 1
        if wait >= 3:
            break
net.load_state_dict(best_state)
mse, mape = evaluate(net, x[test], y[test])
print(f"masks {args.masks}: test MSE {mse:.1f}, MAPE {mape:.2f} % after {epoch + 1} epochs, {time.time() - clock:.0f} s")
