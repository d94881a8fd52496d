"""`python -m kumppanuus report --round R --format pdf|pptx [-o FILE] [--lang fi|sv|en]
[--municipality M]`: the round report (PDF) or the forum deck (PPTX) of round R.

Exit 0 written; 1 unknown round; 2 usage (including a municipality that is not known). The
bytes go to FILE, or to standard output. Never any phone number or e-mail address.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kumppanuus.i18n import LANGUAGES


def add_parser(sub) -> None:
    p = sub.add_parser("report", help="kierrosraportti (PDF) tai foorumiesitys (PPTX)")
    p.add_argument("--round", required=True)
    p.add_argument("--format", required=True, choices=("pdf", "pptx"))
    p.add_argument("-o", "--output", type=Path)
    p.add_argument("--lang", default="fi", choices=tuple(LANGUAGES))
    p.add_argument("--municipality")


def _municipality(store, value: str | None, usage_error) -> str | None:
    if not value:
        return None
    from kumppanuus.municipality_names import MunicipalityResolver

    resolved = MunicipalityResolver(store.reference("municipalities"),
                                    store.reference("former_municipalities")).resolve(value)
    if resolved.code is None:
        raise usage_error(f"--municipality: {resolved.error}")
    return resolved.code


def cmd_report(args, usage_error) -> int:
    from kumppanuus import reports
    from kumppanuus.store import Store

    store = Store()
    code = _municipality(store, args.municipality, usage_error)
    inputs = reports.Inputs.from_store(store, args.round, args.lang, code)
    try:
        content = reports.collect(inputs)
    except reports.UnknownRound:  # the rounds named from the frames just read, not read again
        known = ", ".join(reports.known_rounds(inputs.frames, inputs.refs)) or "–"
        print(f"report: tuntematon kierros {args.round!r} (tunnetut: {known})", file=sys.stderr)
        return 1
    payload = reports.build(args.format, content)
    if args.output:
        args.output.write_bytes(payload)
        print(f"{args.output}: {args.format}, {len(payload)} tavua", file=sys.stderr)
    else:
        sys.stdout.buffer.write(payload)
    return 0
