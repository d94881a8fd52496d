"""Paths and settings, read from the environment at call time (never cached at import)."""

from __future__ import annotations

import math
import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"

#: Environment variables the app reads.
ENV_DATABASE_URL = "DATABASE_URL"
ENV_GEO_DIR = "KUMPPANUUS_GEO_DIR"
ENV_CACHE_DIR = "KUMPPANUUS_CACHE_DIR"
ENV_STAFF_FILE = "KUMPPANUUS_STAFF_FILE"
ENV_MAX_UPLOAD_MB = "KUMPPANUUS_MAX_UPLOAD_MB"
ENV_MIN_GROUP_N = "KUMPPANUUS_MIN_GROUP_N"
ENV_TRUST_PROXY = "KUMPPANUUS_TRUST_PROXY"
ENV_REGION_DIR = "KUMPPANUUS_REGION_DIR"

MAX_ROWS = 200_000


def database_url() -> str:
    """SQLAlchemy URL: `DATABASE_URL`, else an SQLite file under data/."""
    url = os.environ.get(ENV_DATABASE_URL, "").strip()
    return url or f"sqlite:///{DATA_DIR / 'kumppanuus.db'}"


def region_dir() -> Path:
    """Folder of the region's data files (kumppanuus.region): `KUMPPANUUS_REGION_DIR`, else
    data/ (South Ostrobothnia)."""
    raw = os.environ.get(ENV_REGION_DIR, "").strip()
    return Path(raw) if raw else DATA_DIR


def geo_dir() -> Path:
    """Folder of the NLS boundary files: `KUMPPANUUS_GEO_DIR`, else ../shared/geo."""
    raw = os.environ.get(ENV_GEO_DIR, "").strip()
    return Path(raw) if raw else REPO_ROOT.parent / "shared" / "geo"


def cache_dir() -> Path:
    """Cache for derived geometry; outside the repository so nothing derived is committed."""
    raw = os.environ.get(ENV_CACHE_DIR, "").strip()
    return Path(raw) if raw else Path.home() / ".cache" / "kumppanuus"


def staff_file() -> Path:
    """The first release's TOML file of staff users (bcrypt hashes, gitignored): if it exists,
    its accounts are copied into the database once; the database holds them from then on."""
    raw = os.environ.get(ENV_STAFF_FILE, "").strip()
    return Path(raw) if raw else DATA_DIR / "staff.toml"


def max_upload_bytes() -> int:
    """Largest accepted upload, default 10 MB."""
    raw = os.environ.get(ENV_MAX_UPLOAD_MB, "").strip()
    return int(float(raw) * 1_000_000) if raw else 10_000_000


def max_upload_mb() -> int:
    """The upload limit in whole megabytes, as the file widget states it (rounded up)."""
    return max(1, math.ceil(max_upload_bytes() / 1_000_000))


def min_group_n() -> int:
    """Smallest respondent group whose mean is shown (small-n rule), default 5."""
    raw = os.environ.get(ENV_MIN_GROUP_N, "").strip()
    return int(raw) if raw else 5


def trust_proxy() -> bool:
    """True behind a load balancer that adds X-Forwarded-For (deploy/): the login throttle
    then counts the client address the balancer saw, not the balancer's own."""
    return os.environ.get(ENV_TRUST_PROXY, "").strip().lower() in ("1", "true", "yes")
