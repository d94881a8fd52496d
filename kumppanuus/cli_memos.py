"""Command-line parts of the second release's memos: `import memo` / `validate memo` and `search`.

    python -m kumppanuus import memo FILE --round R --table N [--public]
    python -m kumppanuus search TEXT [--round R] [--municipality M] [--criterion C]

`search` prints one line per hit, best first:
`kind<TAB>round<TAB>source<TAB>municipality<TAB>criterion<TAB>snippet`, the match in the snippet
between `**`; municipality is the Finnish name(s), empty for the whole round; exit 0 when
something was found, 1 when nothing was, 2 for usage (e.g. a query shorter than 3 letters).
The command line is an operator's tool on the database itself, so internal memos are included.
"""

from __future__ import annotations

import sys

from kumppanuus import schema
from kumppanuus.ingest import memo, pipeline
from kumppanuus.store import Store, search


class SearchUsage(ValueError):
    """A search option that is not valid (exit 2)."""


def add_memo_options(parser) -> None:
    """`--table` and `--public` for `import memo` / `validate memo` (`--round` is shared)."""
    parser.add_argument("--table", help="pöydän numero (memo)")
    parser.add_argument("--public", action="store_true",
                        help="muistio on julkaistu, esim. kunnan verkkosivuilla (memo)")


def add_search_parser(sub) -> None:
    p = sub.add_parser("search", help="hae poiminnoista, muistioista ja toimenpiteistä")
    p.add_argument("text")
    p.add_argument("--round")
    p.add_argument("--municipality")
    p.add_argument("--criterion")


def check_memo_file(args) -> memo.CheckedMemo:
    """Read and check FILE as the memo of --round/--table (raises ValueError for usage)."""
    missing = [f"--{k}" for k in ("round", "table") if not getattr(args, k)]
    if missing:
        raise ValueError("muistion tuonti tarvitsee valitsimet " + ", ".join(missing))
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise ValueError(f"{args.file}: tiedostoa ei voi lukea ({exc.strerror})") from exc
    return memo.check_memo(Store(), data, str(args.file), round_name=args.round,
                           table_no=args.table, public=args.public)


def cmd_memo(args, *, write: bool) -> int:
    checked = check_memo_file(args)
    for line in checked.problem_lines():
        print(line, file=sys.stderr)
    if checked.problems:
        if write:
            print(f"{args.file}: mitään ei tallennettu", file=sys.stderr)
        return 1
    if not write:
        print(f"{args.file}: kunnossa, tekstiä {len(checked.text)} merkkiä")
        return 0
    import_id, plan = memo.write(Store(), checked, user=args.user)
    print(f"tuonti {import_id}: lisätty {len(plan.added)}, päivitetty {len(plan.updated)}, "
          f"ennallaan {plan.unchanged}")
    return 0


def cmd_search(args) -> int:
    store = Store()
    try:
        hits = search.search(store.engine, args.text, round_name=args.round,
                             municipality=_municipality(store, args.municipality),
                             criterion=_criterion(args.criterion), include_internal=True)
    except (search.SearchError, SearchUsage) as exc:
        print(f"käyttö: {exc}", file=sys.stderr)
        return 2
    names = dict(zip(store.reference("municipalities")["code"],
                     store.reference("municipalities")["name_fi"]))
    for hit in hits:
        print(hit_line(hit, names))
    return 0 if hits else 1


def hit_line(hit: search.Hit, names: dict[str, str]) -> str:
    """`kind<TAB>round<TAB>source<TAB>municipality<TAB>criterion<TAB>snippet`."""
    fields = [hit.kind, hit.round, hit.source,
              ", ".join(names.get(c, c) for c in hit.municipalities),
              "" if hit.criterion is None else str(hit.criterion), search.marked(hit.snippet)]
    return "\t".join(" ".join(str(f).split()) for f in fields)


def _municipality(store: Store, value: str | None) -> str | None:
    if not value:
        return None
    found = pipeline.resolver_for(store).resolve(value)
    if found.code is None:
        raise SearchUsage(f"--municipality: {found.error}")
    return found.code


def _criterion(value: str | None) -> int | None:
    if not value:
        return None
    text = value.strip()
    number = int(text) if text.isdigit() else schema.criterion_number(text)
    if number is None or not 1 <= number <= 7:
        raise SearchUsage(f"--criterion: odotettiin kriteerin numeroa 1–7 tai kriteerin "
                          f"tekstiä, saatiin '{value}'")
    return number
