"""numpy side of bench/math-core.ts: the physical reference.

Reads the bench's inputs (a JSON file written by math-core.ts), builds every np.array once,
then answers one command per line on stdin with one JSON line on stdout:

  info            numpy version and BLAS
  check           every operation's result, for the correctness check
  calibrate MS    warm up and choose iterations so that one batch lasts about MS milliseconds
  round           one timed batch of every operation: microseconds per call

Only the operation is timed: the arrays already exist, and the results stay numpy arrays.
Between commands this process waits on stdin, so it never competes with the Node side.
"""

import json
import math
import sys
import time

import numpy as np


def softmax_rows(x):
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def attention(q, k, v):
    weights = softmax_rows((q @ k.T) / math.sqrt(q.shape[1]))
    return weights @ v, weights


def load_operations(path):
    with open(path, encoding="utf-8") as file:
        cases = json.load(file)["cases"]
    operations = {}
    for case in cases:
        n = case["n"]
        a, b, x, q, k, v = (np.array(case[key], dtype=np.float64) for key in ("A", "B", "X", "Q", "K", "V"))
        operations[f"matmul:{n}"] = lambda a=a, b=b: a @ b
        operations[f"softmax:{n}"] = lambda x=x: softmax_rows(x)
        operations[f"attention:{n}"] = lambda q=q, k=k, v=v: attention(q, k, v)
    return operations


def time_batch(run, iterations):
    started = time.perf_counter_ns()
    for _ in range(iterations):
        run()
    return (time.perf_counter_ns() - started) / 1e6


def calibrate(run, batch_ms):
    iterations = 1
    elapsed = time_batch(run, iterations)
    while elapsed < batch_ms / 8:
        iterations *= 2
        elapsed = time_batch(run, iterations)
    iterations = max(1, math.ceil(iterations * batch_ms / elapsed))
    elapsed = time_batch(run, iterations)
    return max(1, math.ceil(iterations * batch_ms / elapsed))


def blas_info():
    try:
        config = np.show_config(mode="dicts")
        blas = config["Build Dependencies"]["blas"]
        return f"{blas.get('name', '?')} {blas.get('version', '')}".strip()
    except Exception:  # noqa: BLE001 - informational only
        return "unknown BLAS"


def to_json(value):
    if isinstance(value, tuple):
        output, weights = value
        return {"output": output.tolist(), "weights": weights.tolist()}
    return value.tolist()


def main():
    operations = load_operations(sys.argv[1])
    iterations = {}
    for line in sys.stdin:
        command, *args = line.split()
        if command == "info":
            reply = {"numpy": np.__version__, "blas": blas_info(), "python": sys.version.split()[0]}
        elif command == "check":
            reply = {key: to_json(run()) for key, run in operations.items()}
        elif command == "calibrate":
            batch_ms = float(args[0])
            iterations = {key: calibrate(run, batch_ms) for key, run in operations.items()}
            reply = iterations
        elif command == "round":
            reply = {key: time_batch(run, iterations[key]) * 1000 / iterations[key] for key, run in operations.items()}
        else:
            reply = {"error": f"unknown command {command!r}"}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
