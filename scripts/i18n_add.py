"""Add UI strings to the gettext catalogs (kumppanuus/locale/*/LC_MESSAGES/messages.po).

    python scripts/i18n_add.py strings.json          # {"key": {"fi": …, "sv": …, "en": …}}
    python scripts/i18n_add.py module.path:DICT      # the same shape, from a Python module

A plural entry gives each language a list `[singular, plural]` and takes its count from the
placeholder `n`. An existing key is replaced (say so with --replace) or refused. The catalogs
are plain text too: editing them by hand is fine, this only saves typing three files.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from babel.messages.pofile import read_po, write_po  # noqa: E402

from kumppanuus.i18n import LANGUAGES, PLURAL_SUFFIX, catalog_path  # noqa: E402

WIDTH = 100


def load(source: str) -> dict:
    if source.endswith(".json"):
        return json.loads(Path(source).read_text(encoding="utf-8"))
    module, _, name = source.partition(":")
    return getattr(importlib.import_module(module), name)


def add(entries: dict, replace: bool = False) -> int:
    for lang in LANGUAGES:
        path = catalog_path(lang)
        with path.open("rb") as fh:
            catalog = read_po(fh, locale=lang)
        for key, texts in entries.items():
            if key in catalog and not replace:
                raise SystemExit(f"{key}: on jo luettelossa {path} (käytä --replace)")
            if key in catalog:
                del catalog[key]
            text = texts[lang]
            if isinstance(text, (list, tuple)):
                catalog.add((key, key + PLURAL_SUFFIX), tuple(text))
            else:
                catalog.add(key, text)
        with path.open("wb") as fh:
            write_po(fh, catalog, width=WIDTH, sort_output=False, include_lineno=False)
    return len(entries)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source")
    parser.add_argument("--replace", action="store_true")
    args = parser.parse_args(argv)
    print(f"{add(load(args.source), args.replace)} merkkijonoa lisätty")
    return 0


if __name__ == "__main__":
    sys.exit(main())
