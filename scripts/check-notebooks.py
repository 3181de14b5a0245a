#!/usr/bin/env python3
"""Checks notebooks executed by scripts/run-notebooks.sh (Python standard library only).

A notebook fails when a cell has an error output or prints a compiler warning (the dotnet-interactive kernel reports compile errors as an error
output with the compiler messages on stderr), when an exercise cell shows no check result, or when a cell that
displays something (the same calls tests/MultiLabel.Notebooks.Tests looks for) produced no text/html or image/png
output. Prints one line per problem naming the notebook and code cell number, then 'notebooks: N passed, M failed'.
Usage: check-notebooks.py EXECUTED.ipynb ...
"""
import json
import re
import sys

DISPLAY_CALL = re.compile(r"Display\.Show|\.Show\(\)|\.Check\(|\.Hint\(|\.Solution\(|TrainingChart\.Follow|ExerciseCatalog\.Progress")
CHECK_RESULT = re.compile(r'data-mlc-check="(passed|failed|not-attempted)"')


def text(value):
    return "".join(value) if isinstance(value, list) else (value or "")


def check(path):
    with open(path, encoding="utf-8") as f:
        notebook = json.load(f)
    problems = []
    number = 0
    for cell in notebook["cells"]:
        if cell["cell_type"] != "code":
            continue
        number += 1
        source = text(cell["source"])
        first_line = source.strip().split("\n")[0][:60]
        where = f"{path}: cell {number} ({first_line})"
        outputs = cell.get("outputs", [])
        stderr = " ".join(text(o.get("text")).strip() for o in outputs if o.get("output_type") == "stream" and o.get("name") == "stderr")
        if "warning CS" in stderr and not any(o.get("output_type") == "error" for o in outputs):
            problems.append(f"{where}: compiler warning in the output: {stderr[:300]}")
        for o in outputs:
            if o.get("output_type") == "error":
                problems.append(f"{where}: {o.get('ename')}: {o.get('evalue')} {stderr}".strip())
        rich = [text(o.get("data", {}).get("text/html")) for o in outputs if "text/html" in o.get("data", {})]
        has_png = any("image/png" in o.get("data", {}) for o in outputs)
        if DISPLAY_CALL.search(source) and not rich and not has_png:
            problems.append(f"{where}: displays something but produced no text/html or image/png output")
        if cell.get("metadata", {}).get("exercise_id"):
            results = [m for h in rich for m in CHECK_RESULT.findall(h)]
            if not results:
                problems.append(f"{where}: exercise {cell['metadata']['exercise_id']} shows no check result")
    return problems


def main(paths):
    if not paths:
        print(__doc__.strip().split("\n")[-1], file=sys.stderr)
        return 2
    failed = 0
    for path in paths:
        problems = check(path)
        for p in problems:
            print(p)
        failed += 1 if problems else 0
    print(f"notebooks: {len(paths) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
