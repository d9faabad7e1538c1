"""Split the second-round dev texts (numbered above 200) into two halves by
organisation, for checking hand edits of the codebook (docs/evaluation.md, "Hand edits and the
sealed half"): edits are chosen by reading half A only; half B is scored before and after.

    python tools/eval_halves.py ../shared/eval/dev OUTDIR   # writes OUTDIR/labels_A.csv, labels_B.csv
"""

import csv
import random
import sys
from pathlib import Path

SEED = 20261203
FIRST_ROUND_LAST = 200  # texts up to 200 were there when the codebook was first written


def main(dev: Path, out: Path) -> None:
    organisation = {row["document"]: row["municipality"] for row in csv.DictReader(open(dev / "docs.csv"))}
    with open(dev / "labels.csv", newline="") as handle:
        reader = csv.DictReader(handle)
        columns, rows = reader.fieldnames, list(reader)
    second = [row for row in rows if int(row["document"][:3]) > FIRST_ROUND_LAST]
    names = sorted({organisation[row["document"]] for row in second})
    random.Random(SEED).shuffle(names)
    inspected = set(names[: len(names) // 2])
    out.mkdir(parents=True, exist_ok=True)
    for half, keep in (("A", True), ("B", False)):
        chosen = [row for row in second if (organisation[row["document"]] in inspected) == keep]
        with open(out / f"labels_{half}.csv", "w", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns)
            writer.writeheader()
            writer.writerows(chosen)
        print(f"{half}: {len(chosen)} texts")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
