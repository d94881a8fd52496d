"""Command line: `python -m kumppanuus COMMAND …` (contract: shared/spec/data-formats.md).

Exit codes: 0 success; 1 invalid data / cannot undo; 2 usage or unreadable file.
Errors go to stderr, one per line, as `FILE:ROW:COLUMN: message`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kumppanuus import cli_memos, cli_report
from kumppanuus.ingest import pipeline
from kumppanuus.exports import csv_bytes
from kumppanuus.store.kinds import KINDS
from kumppanuus.privacy import neutralise_formulas
from kumppanuus.store import CannotUndo, Store

REFERENCE_KINDS = ("municipalities", "leader_areas")
IMPORT_KINDS = (*KINDS, "menti")


class UsageError(Exception):
    """Bad command-line usage (exit 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse would exit itself; we keep control of exit codes
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m kumppanuus", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    sub.add_parser("init", help="luo tietokanta ja lataa kevään 2021 kierros")
    for name in ("validate", "import"):
        p = sub.add_parser(name)
        p.add_argument("kind", choices=IMPORT_KINDS)
        p.add_argument("file", type=Path)
        if name == "import":
            p.add_argument("--user", default="cli")
            p.add_argument("--example", action="store_true",
                           help="merkitse rivit esimerkkiaineistoksi omalle kierrokselleen "
                                "(scores, feedback, menti)")
        for flag in ("--round", "--source", "--municipality", "--group", "--date"):
            p.add_argument(flag)
        cli_memos.add_memo_options(p)
    p = sub.add_parser("export")
    p.add_argument("kind", choices=(*KINDS, *REFERENCE_KINDS))
    p.add_argument("-o", "--output", type=Path)
    p.add_argument("--include-personal", action="store_true")
    sub.add_parser("history")
    sub.add_parser("migrate", help="päivitä tietokannan rakenne tähän versioon (rivit säilyvät)")
    p = sub.add_parser("add-user", help="lisää henkilökunnan tunnus (salasana kysytään)")
    p.add_argument("username")
    p.add_argument("--password-stdin", action="store_true",
                   help="lue salasana vakiosyötteestä (automaatiota varten)")
    p = sub.add_parser("undo")
    p.add_argument("id", type=int)
    cli_report.add_parser(sub)
    cli_memos.add_search_parser(sub)
    return parser


def _menti_meta(args) -> dict | None:
    if args.kind != "menti":
        return None
    meta = {k: getattr(args, k) for k in ("round", "source", "municipality", "group", "date")}
    missing = [f"--{k}" for k in ("round", "source", "municipality", "group") if not meta[k]]
    if missing:
        raise UsageError("menti-tuonti tarvitsee valitsimet " + ", ".join(missing))
    return meta


def _check(args) -> pipeline.Checked:
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise UsageError(f"{args.file}: tiedostoa ei voi lukea ({exc.strerror})") from exc
    return pipeline.check_bytes(
        args.kind, data, str(args.file), Store(), menti_meta=_menti_meta(args)
    )


def _report(checked: pipeline.Checked, *, unreadable_code: int) -> int:
    """Print warnings and problems; exit code per the contract.

    `validate` exits 2 for a file that is not a readable table; `import` lists only usage under
    2, so there an unreadable file counts as invalid (1, nothing written).
    """
    for line in checked.warning_lines():
        print(line, file=sys.stderr)
    for line in checked.problem_lines():
        print(line, file=sys.stderr)
    if checked.unreadable:
        return unreadable_code
    return 1 if checked.problems else 0


def _memo(args, *, write: bool) -> int:
    try:
        return cli_memos.cmd_memo(args, write=write)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc


def cmd_validate(args) -> int:
    if args.kind == "memo":
        return _memo(args, write=False)
    checked = _check(args)
    code = _report(checked, unreadable_code=2)
    if code == 0:
        print(f"{args.file}: kunnossa, rivejä {len(checked.rows)}")
    return code


def cmd_import(args) -> int:
    if args.example and args.kind not in pipeline.EXAMPLE_KINDS:
        raise UsageError(f"--example sopii vain tyypeille {', '.join(pipeline.EXAMPLE_KINDS)}")
    if args.kind == "memo":
        return _memo(args, write=True)
    checked = _check(args)
    code = _report(checked, unreadable_code=1)
    if code:
        print(f"{args.file}: mitään ei tallennettu", file=sys.stderr)
        return code
    filed = args.round if args.kind == "contacts" else None  # extension: the contacts' round
    try:
        import_id, plan = pipeline.write(Store(), checked, user=args.user, example=args.example,
                                         round=filed)
    except pipeline.UnknownRound as exc:
        raise UsageError(f"{args.file}: {exc}; mitään ei tallennettu") from exc
    print(f"tuonti {import_id}: lisätty {len(plan.added)}, päivitetty {len(plan.updated)}, "
          f"ennallaan {plan.unchanged}")
    return 0


def cmd_export(args) -> int:
    """Exact CSV for re-import (not neutralised; see kumppanuus.exports)."""
    df = Store().export_frame(args.kind, include_personal=args.include_personal)
    payload = csv_bytes(df)
    if args.output:
        args.output.write_bytes(payload)
    else:
        sys.stdout.write(payload.decode("utf-8"))
    return 0


def cmd_history(_args) -> int:
    """The import list as CSV for people and spreadsheets, not for re-import: a file name such
    as `=HYPERLINK(…).csv` is neutralised (a leading apostrophe), like the app's downloads."""
    df = Store().history()
    cols = ["id", "created_at", "user", "kind", "file_name", "sha256", "rows_added",
            "rows_updated", "undone_at"]
    sys.stdout.write(neutralise_formulas(df[cols]).to_csv(index=False))
    return 0


def cmd_undo(args) -> int:
    try:
        Store().undo_import(args.id)
    except CannotUndo as exc:
        print(f"undo {args.id}: {exc}", file=sys.stderr)
        return 1
    print(f"tuonti {args.id} peruttu")
    return 0


def cmd_init(_args) -> int:
    store = Store(seed_data=False)
    loaded = store.ensure_ready()
    if loaded:
        print("tietokanta luotu ja kevään 2021 kierros ladattu")
    elif store.highlights_loaded:  # a first-release database: only what the release added
        print("kevään 2021 keskustelupoiminnat ladattu; muuta ei muutettu")
    else:
        print("tietokanta on jo valmis; mitään ei muutettu")
    return 0


def cmd_migrate(_args) -> int:
    """Upgrade the schema in place (exit 1 if the database cannot be upgraded)."""
    from sqlalchemy.exc import SQLAlchemyError

    from kumppanuus import config
    from kumppanuus.store import db, migrate

    url = config.database_url()
    try:
        if url.startswith("sqlite:///"):
            config.DATA_DIR.mkdir(exist_ok=True)
        done = migrate.upgrade(db.engine_for(url))
    except (migrate.MigrationError, SQLAlchemyError) as exc:
        print(f"migrate: tietokantaa ei voitu päivittää: {exc}", file=sys.stderr)
        return 1
    if done.changed:
        print(f"tietokanta päivitetty: {done.before or 'ensimmäinen julkaisu / tyhjä'} → "
              f"{done.after}")
    else:
        print(f"tietokanta on jo ajan tasalla ({done.after}); mitään ei muutettu")
    return 0


def cmd_add_user(args) -> int:
    import getpass

    from kumppanuus import auth, config

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Salasana: ")
        if getpass.getpass("Salasana uudelleen: ") != password:
            print("salasanat eivät täsmää", file=sys.stderr)
            return 2
    store = Store()
    try:
        moved = auth.import_staff_file(store, config.staff_file())
    except auth.StaffFileError as exc:
        print(f"{config.staff_file()}: {exc}; vanhoja tunnuksia ei siirretty", file=sys.stderr)
        moved = 0
    if moved:
        print(f"{moved} tunnusta siirretty tiedostosta {config.staff_file()} tietokantaan")
    try:
        auth.add_user(store, args.username, password)
    except auth.AuthError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print(f"tunnus {args.username} tallennettu tietokantaan")
    return 0


COMMANDS = {"add-user": cmd_add_user, "init": cmd_init, "validate": cmd_validate, "import": cmd_import,
            "export": cmd_export, "history": cmd_history, "migrate": cmd_migrate,
            "undo": cmd_undo, "report": lambda args: cli_report.cmd_report(args, UsageError),
            "search": cli_memos.cmd_search}


def _use_the_c_heap_for_arrow() -> None:
    """Arrow buffers (pandas' str columns) from the C heap, not Arrow's default mimalloc pool.

    mimalloc keeps the pages an import frees in its own reserved arena, where numpy and Python
    cannot reuse them: a 100,000-row import peaked ~20 MB higher with it, for the same work.
    A CLI process is one import (short-lived, single-threaded), so the C heap's reuse is what
    counts; `pyarrow.set_memory_pool` is Arrow's documented switch. The app is left as it is."""
    try:
        import pyarrow
    except ImportError:  # pandas runs without pyarrow too
        return
    pyarrow.set_memory_pool(pyarrow.system_memory_pool())


def main(argv: list[str] | None = None) -> int:
    _use_the_c_heap_for_arrow()
    try:
        args = build_parser().parse_args(argv)
        return COMMANDS[args.command](args)
    except UsageError as exc:
        print(f"käyttö: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
