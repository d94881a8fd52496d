"""Login state for staff: hashed passwords by default, Streamlit's OIDC `st.login` if configured.

`current_user()` is what the privacy check (`kumppanuus.privacy.can_see_personal`) receives.
"""

from __future__ import annotations

import logging
import math

import streamlit as st

from kumppanuus import auth, config
from kumppanuus.i18n import t
from ui import data

SESSION_KEY = "staff_user"


def client_address() -> str | None:
    """The browser's address for the per-client throttle. Behind the balancer
    (KUMPPANUUS_TRUST_PROXY=1) it is the last X-Forwarded-For entry, the one HAProxy added;
    otherwise the connection's own address (None on this machine's loopback)."""
    if config.trust_proxy():
        forwarded = st.context.headers.get_all("X-Forwarded-For") or []
        entries = [e.strip() for line in forwarded if isinstance(line, str)
                   for e in line.split(",") if e.strip()]
        if entries:
            return entries[-1]
    address = st.context.ip_address
    return address if isinstance(address, str) else None  # AppTest has no real connection


def oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except FileNotFoundError:
        return False
    except Exception:  # noqa: BLE001 — a malformed secrets file must not take the app down
        return False


def current_user() -> str | None:
    user = st.session_state.get(SESSION_KEY)
    if user:
        return user
    if oidc_configured() and getattr(st.user, "is_logged_in", False):
        return st.user.get("email") or st.user.get("name")
    return None


def logout() -> None:
    st.session_state.pop(SESSION_KEY, None)
    if oidc_configured() and getattr(st.user, "is_logged_in", False):
        st.logout()


def try_login(username: str, password: str, lang: str = "fi") -> str | None:
    """None on success, else a message in `lang` (wrong password, or wait N s)."""
    store = data.store()
    _import_old_staff_file(store)
    result = auth.attempt_login(store, username, password, client_address())
    if result.throttled:
        return t("login_throttled", lang, seconds=math.ceil(result.wait))
    if not result.ok:
        return t("login_wrong", lang)
    st.session_state[SESSION_KEY] = username
    return None


def _import_old_staff_file(store) -> None:
    """Accounts of a first-release staff.toml move into the database once; a broken file is
    logged for the administrator (its message may name a server path) and does not block the
    accounts already in the database."""
    try:
        auth.import_staff_file(store, config.staff_file())
    except auth.StaffFileError as exc:
        logging.getLogger(__name__).error("staff accounts file: %s", exc)


def staff_configured() -> bool:
    store = data.store()
    _import_old_staff_file(store)
    return bool(auth.load_users(store))
