"""Trains the saturation sweep's micro GPT-2s on a GPU (docs/capacity.md, issue #13).

    python3 scripts/gpu/train_world.py MANIFEST OUTDIR [--shape micro-8] [--people 125] [--max-steps N] [--device cuda|cpu]

Reads the manifest and token files written by `npm run saturation-data` (the world text and its
tokens are made in TypeScript, with the site's tokenizer) and runs each job: a GPT-2 with Hugging
Face's tensor names and layout (the same model src/lib/train/gpt2.ts trains on the CPU: tied
output head, gelu_new, LayerNorm eps 1e-5, GPT-2's initialisation), random windows of `context`
tokens, AdamW with linear warmup and cosine decay to a tenth. Each finished job writes
OUTDIR/<id>.safetensors (F32) and OUTDIR/<id>.json (its schedule, losses and seconds), each
through a temporary file and a rename, so a run that is stopped leaves only whole files, and a run
started again skips the jobs already written. Needs only torch and numpy (torch 1.13 to 2.x).
"""
import argparse
import json
import math
import os
import struct
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F


def gpt2_shapes(c):
    d = c["nEmbd"]
    shapes = [("wte.weight", (c["vocabSize"], d)), ("wpe.weight", (c["context"], d))]
    for i in range(c["nLayer"]):
        h = f"h.{i}"
        shapes += [
            (f"{h}.ln_1.weight", (d,)), (f"{h}.ln_1.bias", (d,)),
            (f"{h}.attn.c_attn.weight", (d, 3 * d)), (f"{h}.attn.c_attn.bias", (3 * d,)),
            (f"{h}.attn.c_proj.weight", (d, d)), (f"{h}.attn.c_proj.bias", (d,)),
            (f"{h}.ln_2.weight", (d,)), (f"{h}.ln_2.bias", (d,)),
            (f"{h}.mlp.c_fc.weight", (d, 4 * d)), (f"{h}.mlp.c_fc.bias", (4 * d,)),
            (f"{h}.mlp.c_proj.weight", (4 * d, d)), (f"{h}.mlp.c_proj.bias", (d,)),
        ]
    shapes += [("ln_f.weight", (d,)), ("ln_f.bias", (d,))]
    return shapes


def init_params(c, device, seed):
    g = torch.Generator(device="cpu").manual_seed(seed)
    params = {}
    for name, shape in gpt2_shapes(c):
        if name.endswith(".bias"):
            t = torch.zeros(shape)
        elif name.split(".")[-2] in ("ln_1", "ln_2", "ln_f"):
            t = torch.ones(shape)
        else:
            std = 0.02 / math.sqrt(2 * c["nLayer"]) if name.endswith("c_proj.weight") else 0.02
            t = torch.randn(shape, generator=g) * std
        params[name] = t.to(device).requires_grad_(True)
    return params


def forward(p, c, ids):
    """Logits [B, T, V] for ids [B, T]: GPT-2's forward pass on the Hugging Face tensors."""
    B, T = ids.shape
    d, H = c["nEmbd"], c["nHead"]
    hd = d // H
    x = F.embedding(ids, p["wte.weight"]) + p["wpe.weight"][:T]
    mask = torch.ones(T, T, dtype=torch.bool, device=ids.device).tril()
    for i in range(c["nLayer"]):
        h = f"h.{i}"
        a = F.layer_norm(x, (d,), p[f"{h}.ln_1.weight"], p[f"{h}.ln_1.bias"], 1e-5)
        qkv = a @ p[f"{h}.attn.c_attn.weight"] + p[f"{h}.attn.c_attn.bias"]
        q, k, v = qkv.split(d, dim=-1)
        q, k, v = (t.view(B, T, H, hd).transpose(1, 2) for t in (q, k, v))
        att = (q @ k.transpose(-1, -2)) / math.sqrt(hd)
        att = att.masked_fill(~mask, float("-inf")).softmax(-1)
        y = (att @ v).transpose(1, 2).reshape(B, T, d)
        x = x + y @ p[f"{h}.attn.c_proj.weight"] + p[f"{h}.attn.c_proj.bias"]
        m = F.layer_norm(x, (d,), p[f"{h}.ln_2.weight"], p[f"{h}.ln_2.bias"], 1e-5)
        m = F.gelu(m @ p[f"{h}.mlp.c_fc.weight"] + p[f"{h}.mlp.c_fc.bias"], approximate="tanh")
        x = x + m @ p[f"{h}.mlp.c_proj.weight"] + p[f"{h}.mlp.c_proj.bias"]
    x = F.layer_norm(x, (d,), p["ln_f.weight"], p["ln_f.bias"], 1e-5)
    return x @ p["wte.weight"].t()


def safetensors_bytes(c, params, metadata):
    """An F32 safetensors file, tensors in Hugging Face order (the format's header, then the data)."""
    header, blobs, offset = {"__metadata__": metadata}, [], 0
    for name, shape in gpt2_shapes(c):
        data = params[name].detach().to("cpu", torch.float32).contiguous().numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * (-len(h) % 8)
    return struct.pack("<Q", len(h)) + h + b"".join(blobs)


def write_atomic(path, data):
    with open(path + ".tmp", "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(path + ".tmp", path)


def train(job, tokens, device, max_steps=None):
    c = job
    torch.manual_seed(job["seed"])
    params = init_params(c, device, job["seed"])
    decay = [t for n, t in params.items() if t.dim() == 2]
    no_decay = [t for n, t in params.items() if t.dim() < 2]
    groups = [{"params": decay, "weight_decay": job["weightDecay"]}, {"params": no_decay, "weight_decay": 0.0}]
    try:
        opt = torch.optim.AdamW(groups, lr=job["lr"], betas=(0.9, 0.98), eps=1e-6, fused=device.type == "cuda")
    except TypeError:  # torch < 2.0 has no fused AdamW
        opt = torch.optim.AdamW(groups, lr=job["lr"], betas=(0.9, 0.98), eps=1e-6)
    steps = job["steps"] if max_steps is None else min(job["steps"], max_steps)
    B, T = job["batch"], job["context"]
    n = tokens.numel()
    offsets = torch.arange(T + 1, device=device)
    gen = torch.Generator(device=device).manual_seed(job["seed"])
    losses, t0 = [], time.time()
    running = None
    for step in range(steps):
        lr = job["lr"] * (step + 1) / max(1, job["warmup"]) if step < job["warmup"] else \
            job["lr"] * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * (step - job["warmup"]) / max(1, job["steps"] - job["warmup"]))))
        for g in opt.param_groups:
            g["lr"] = lr
        starts = torch.randint(0, n - T - 1, (B,), device=device, generator=gen)
        w = tokens[starts[:, None] + offsets]
        logits = forward(params, c, w[:, :-1])
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), w[:, 1:].reshape(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        if step % 100 == 99 or step == steps - 1:
            value = loss.item()
            running = value
            losses.append([step + 1, round(value, 4)])
    seconds = time.time() - t0
    # The logits after the corpus's first 32 tokens: the measuring side recomputes them with its own
    # forward pass from the written file, so a layout slip (a transposed matrix) cannot pass unseen.
    with torch.no_grad():
        probe = tokens[:32]
        last = forward(params, c, probe[None])[0, -1]
    check = {"ids": probe.tolist(), "logits": [round(x, 5) for x in last.tolist()]}
    return params, {"stepsDone": steps, "finalLoss": running, "losses": losses, "seconds": round(seconds, 1), "check": check}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("manifest")
    ap.add_argument("outdir")
    ap.add_argument("--shape", action="append", help="only the jobs of this shape (repeatable)")
    ap.add_argument("--people", type=int, action="append", help="only the jobs on the world of this many people (repeatable)")
    ap.add_argument("--max-steps", type=int, help="stop each job after this many steps (a smoke test)")
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = ap.parse_args()
    with open(args.manifest) as f:
        manifest = json.load(f)
    if manifest.get("version") != 1:
        sys.exit(f"error: {args.manifest}: unknown manifest version {manifest.get('version')!r}")
    base = os.path.dirname(os.path.abspath(args.manifest))
    os.makedirs(args.outdir, exist_ok=True)
    device = torch.device(args.device)
    if device.type == "cuda":
        torch.backends.cuda.matmul.allow_tf32 = False  # F32 all through: the CPU trainer's arithmetic
    cache = {}
    jobs = [j for j in manifest["jobs"] if (not args.shape or j["shape"] in args.shape) and (not args.people or j["people"] in args.people)]
    for job in sorted(jobs, key=lambda j: j["people"]):
        out = os.path.join(args.outdir, job["id"])
        if os.path.exists(out + ".json"):
            print(f"{job['id']}: done already", flush=True)
            continue
        path = os.path.join(base, job["tokens"])
        if path not in cache:
            ids = np.fromfile(path, dtype="<u2")
            if ids.size != job["corpusTokens"]:
                sys.exit(f"error: {path}: {ids.size} tokens, the manifest says {job['corpusTokens']}")
            if ids.max() >= job["vocabSize"]:
                sys.exit(f"error: {path}: token id {ids.max()} outside the vocabulary of {job['vocabSize']}")
            cache[path] = torch.from_numpy(ids.astype(np.int64)).to(device)
        params, log = train(job, cache[path], device, args.max_steps)
        meta = {"job": job["id"], "trainer": "scripts/gpu/train_world.py", "device": torch.cuda.get_device_name() if device.type == "cuda" else "cpu"}
        write_atomic(out + ".safetensors", safetensors_bytes(job, params, meta))
        log.update({"job": job, "device": meta["device"], "torch": torch.__version__})
        write_atomic(out + ".json", (json.dumps(log, indent=1) + "\n").encode())
        print(f"{job['id']}: {log['stepsDone']}/{job['steps']} steps, loss {log['finalLoss']}, {log['seconds']} s", flush=True)


if __name__ == "__main__":
    main()
