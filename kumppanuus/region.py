"""The region an installation serves, as configuration: a folder of data files.

`KUMPPANUUS_REGION_DIR` (default: data/, South Ostrobothnia) holds
- `region.toml`: the region's name and the `regions_2023.geojson` codes of its map outline;
- `municipalities.csv` (code, names, population, Leader area, joint authority) and
  `leader_areas.csv` (code, name, coordinator) — required;
- `municipality_centres.csv`, `municipality_parts.csv`, `former_municipalities.csv` — optional;
- the round facts `rounds.csv`, `tables.csv`, `speakers.csv`, `contacts.csv` — optional (a new
  region starts empty and imports its tables); `criteria.csv` falls back to data/'s seven.
They are loaded into a new database once (kumppanuus.store.seed); nothing in code names a
municipality of the region.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from kumppanuus import config

REQUIRED_FILES = ("municipalities", "leader_areas")


class RegionError(Exception):
    """The region folder lacks a required file or has a broken region.toml (Finnish)."""


@dataclass(frozen=True)
class Region:
    folder: Path
    name: str
    map_regions: tuple[str, ...]  # regions_2023 codes; empty: outline of the municipalities


def file_path(name: str, folder: Path | None = None) -> Path | None:
    """`<folder>/<name>.csv`, or None when the region does not have that file."""
    path = Path(folder or config.region_dir()) / f"{name}.csv"
    return path if path.is_file() else None


def load(folder: Path | None = None) -> Region:
    folder = Path(folder or config.region_dir())
    missing = [f"{n}.csv" for n in REQUIRED_FILES if file_path(n, folder) is None]
    if missing:
        raise RegionError(f"Alueen kansiosta {folder} puuttuu {', '.join(missing)}.")
    settings = {}
    if (folder / "region.toml").is_file():
        try:
            settings = tomllib.loads((folder / "region.toml").read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise RegionError(f"{folder / 'region.toml'} on virheellinen: {exc}") from exc
    codes = tuple(str(c).zfill(2) for c in settings.get("map_regions", ()))
    return Region(folder, str(settings.get("name", folder.name)), codes)
