"""Write the example dataset: data/example/esimerkki_arviot.csv and esimerkki_palaute.csv.

    python scripts/make_example_data.py [--out DIR]

Deterministic (seeded RNG): running it again writes the same bytes; tests/test_examples.py
checks that the committed files are exactly what this script writes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kumppanuus import examples  # noqa: E402
from kumppanuus.store import seed  # noqa: E402


def build() -> dict[str, bytes]:
    """File name → bytes of the example dataset, from the shipped municipalities and tables."""
    codes = seed.read_seed("municipalities")["code"].tolist()
    tables = seed.read_seed("tables")[["round", "table_no", "participants"]]
    tables = tables.astype({"table_no": int, "participants": int})
    return {
        examples.SCORES_FILE.name: examples.csv_bytes(examples.make_scores(codes)),
        examples.FEEDBACK_FILE.name: examples.csv_bytes(examples.make_feedback(tables)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=examples.EXAMPLE_DIR)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, data in build().items():
        (args.out / name).write_bytes(data)
        rows = len(data.splitlines()) - 1
        print(f"{args.out / name}: {rows} riviä")
    return 0


if __name__ == "__main__":
    sys.exit(main())
