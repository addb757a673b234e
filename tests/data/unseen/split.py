#!/usr/bin/env python3
"""Splits the unseen-text corpus into a dev half and a test half, at random.

    split.py STAGING_DIR...   move each writer's NAME.txt + NAME.gold.json into dev/ or test/
    split.py --check          recompute the split from the files in dev/ and test/ and
                              check that every report is where the seed puts it

Each writer's reports (the gold file's "writer" field) are sorted by name, shuffled with a
fixed seed, and the first half goes to dev/, the rest to test/. So each half holds half of
each writer's reports, and the split depends on nothing but the names and the seed.
"""
import json
import random
import shutil
import sys
from pathlib import Path

SEED = 20261202
HERE = Path(__file__).resolve().parent


def assign(names_by_writer):
    """{writer: [names]} -> {name: 'dev'|'test'}"""
    out = {}
    for writer in sorted(names_by_writer):
        names = sorted(names_by_writer[writer])
        rng = random.Random(f"{SEED}-{writer}")
        rng.shuffle(names)
        half = len(names) // 2
        for i, n in enumerate(names):
            out[n] = "dev" if i < half else "test"
    return out


def reports(folder):
    for gold in sorted(Path(folder).glob("*.gold.json")):
        name = gold.name[: -len(".gold.json")]
        txt = gold.with_name(name + ".txt")
        if not txt.exists():
            sys.exit(f"error: {gold}: no {txt.name} beside it")
        writer = json.loads(gold.read_text(encoding="utf-8")).get("writer")
        if not writer:
            sys.exit(f"error: {gold}: no \"writer\" field")
        yield name, writer, folder


def main():
    args = sys.argv[1:]
    if args == ["--check"]:
        found = {}
        by_writer = {}
        for half in ("dev", "test"):
            for name, writer, _ in reports(HERE / half):
                found[name] = half
                by_writer.setdefault(writer, []).append(name)
        want = assign(by_writer)
        wrong = [n for n in found if found[n] != want[n]]
        if wrong:
            sys.exit(f"error: not where the seed puts them: {', '.join(sorted(wrong))}")
        print(f"ok: {sum(v == 'dev' for v in found.values())} dev, "
              f"{sum(v == 'test' for v in found.values())} test")
        return
    if not args:
        sys.exit(__doc__)
    by_writer, where = {}, {}
    for d in args:
        for name, writer, folder in reports(d):
            if name in where:
                sys.exit(f"error: report name {name} is used twice")
            by_writer.setdefault(writer, []).append(name)
            where[name] = Path(folder)
    for name, half in assign(by_writer).items():
        dest = HERE / half
        dest.mkdir(exist_ok=True)
        for suffix in (".txt", ".gold.json"):
            shutil.move(str(where[name] / (name + suffix)), str(dest / (name + suffix)))
        print(f"{half:4} {name}")


if __name__ == "__main__":
    main()
