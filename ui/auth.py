"""Login state for staff: hashed passwords by default, Streamlit's OIDC `st.login` if configured.

`current_user()` is what the privacy check (`kumppanuus.privacy.can_see_personal`) receives.
"""

from __future__ import annotations

import logging
import math

import streamlit as st

from kumppanuus import auth, config
from kumppanuus.i18n import t

SESSION_KEY = "staff_user"


@st.cache_resource
def _throttle() -> auth.Throttle:
    """One throttle per server process, shared by every session."""
    return auth.Throttle()


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
    """None on success, else a message in `lang` (wrong password, or wait N s, or the staff
    accounts cannot be read)."""
    throttle = _throttle()
    wait = throttle.wait_seconds(username)
    if wait > 0:
        return t("login_throttled", lang, seconds=math.ceil(wait))
    try:
        users = auth.load_users(config.staff_file())
    except auth.AuthError as exc:  # its message names a server path: the log gets it, not the page
        logging.getLogger(__name__).error("staff accounts: %s", exc)
        return t("login_broken", lang)
    ok = auth.verify(users, username, password)
    throttle.record(username, ok)
    if not ok:
        return t("login_wrong", lang)
    st.session_state[SESSION_KEY] = username
    return None


def staff_configured() -> bool:
    try:
        return bool(auth.load_users(config.staff_file()))
    except auth.AuthError:
        return False
