"""Widgets of the upload page; every decision is made by kumppanuus.pipeline."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from kumppanuus import pipeline, schema
from kumppanuus.i18n import fmt_number
from kumppanuus.store import CannotUndo
from ui import data

KIND_LABELS = {k: f"{schema.KINDS[k].title_fi} ({k})" for k in schema.KINDS} | {
    "menti": "Mentimeter-vienti (menti → arviot)"}


def start(state: dict, file) -> None:
    """A new file: keep its bytes and a guessed kind; forget any earlier check."""
    raw = file.getvalue()
    state.clear()
    state.update(file_id=file.file_id, name=file.name, data=raw,
                 guess=pipeline.guess_kind(raw, file.name))
    state["kind"] = state["guess"] or "tables"


def choose_kind(state: dict) -> None:
    kinds = list(KIND_LABELS)
    if state.get("guess"):
        st.caption(f"Otsikoiden perusteella laji on **{KIND_LABELS[state['guess']]}** – "
                   "vahvista tai vaihda.")
    else:
        st.warning("Lajia ei tunnistettu otsikoista: valitse laji.")
    kind = st.selectbox("Laji", kinds, index=kinds.index(state["kind"]),
                        format_func=KIND_LABELS.get)
    if kind != state["kind"]:
        state.update(kind=kind, checked=None)


def menti_form(state: dict, municipalities: pd.DataFrame) -> None:
    meta = state.setdefault("menti", {})
    c1, c2 = st.columns(2)
    meta["round"] = c1.text_input("Kierros", meta.get("round", "kevät 2021"))
    meta["source"] = c2.text_input("Lähde", meta.get("source", ""),
                                   placeholder="pöytä 8 tai kuntajohtajafoorumi 26.1.2021")
    names = municipalities["name_fi"].tolist()
    meta["municipality"] = c1.selectbox("Kunta", names)
    meta["group"] = c2.selectbox("Vastaajaryhmä", ["osallistujat", "kuntajohtajat"])
    meta["date"] = c1.date_input("Päivämäärä", dt.date.today(), format="DD.MM.YYYY")


def check(state: dict) -> None:
    with st.spinner("Tarkistetaan…"):
        checked = pipeline.check_bytes(state["kind"], state["data"], state["name"],
                                       data.store(), menti_meta=state.get("menti")
                                       if state["kind"] == "menti" else None)
        state["checked"] = checked
        state["plan"] = None if checked.problems else pipeline.preview(data.store(), checked)


def show_result(state: dict, user: str) -> None:
    checked = state["checked"]
    if checked.problems:
        st.error(f"Tiedostossa {checked.file_name} on {len(checked.problems)} ongelmaa – mitään "
                 "ei tallennettu. Korjaa rivit ja lataa tiedosto uudelleen.")
        st.dataframe(_problems(checked.result.problems_frame()), hide_index=True)
        return
    plan = state["plan"]
    c1, c2, c3 = st.columns(3)
    c1.metric("Lisättäviä rivejä", fmt_number(len(plan.added)))
    c2.metric("Päivitettäviä rivejä", fmt_number(len(plan.updated)))
    c3.metric("Ennallaan", fmt_number(plan.unchanged))
    if checked.result.warnings:
        st.warning(f"{len(checked.result.warnings)} huomautusta – tarkista ennen tallennusta.")
        st.dataframe(_problems(checked.result.warnings_frame()), hide_index=True)
    added, updated, mask = pipeline.preview_frames(plan)
    if not added.empty:
        st.subheader("Lisättävät rivit")
        st.dataframe(added, hide_index=True)
    if not updated.empty:
        st.subheader("Päivitettävät rivit (muuttuneet solut korostettu)")
        st.dataframe(updated.style.apply(
            lambda _: mask.replace({True: "background-color: #fff3b0", False: ""}), axis=None),
            hide_index=True)
    if plan.changes == 0:
        st.info("Tiedosto ei muuta mitään: samat rivit ovat jo tietokannassa.")
    if st.button("Vahvista ja tallenna", type="primary", disabled=plan.changes == 0):
        import_id, done = pipeline.write(data.store(), checked, user=user)
        state.clear()
        st.session_state["upload_done"] = (import_id, len(done.added), len(done.updated))
        st.rerun()


def _problems(df: pd.DataFrame) -> pd.DataFrame:
    return df.rename(columns={"file": "tiedosto", "row": "rivi", "column": "sarake",
                              "value": "arvo", "message": "ongelma"})


def announce_done() -> None:
    done = st.session_state.pop("upload_done", None)
    if done:
        st.success(f"Tallennettu tuontina {done[0]}: lisätty {done[1]}, päivitetty {done[2]}.")


def history() -> None:
    hist = data.store().history()
    if hist.empty:
        st.info("Tuonteja ei vielä ole. Jokainen tallennettu tiedosto näkyy tässä, ja sen voi "
                "perua.")
        return
    shown = hist[["id", "created_at", "user", "kind", "file_name", "rows_added",
                  "rows_updated", "undone_at", "sha256"]].sort_values("id", ascending=False)
    st.dataframe(shown.rename(columns={
        "id": "tunnus", "created_at": "aika", "user": "käyttäjä", "kind": "laji",
        "file_name": "tiedosto", "rows_added": "lisätty", "rows_updated": "päivitetty",
        "undone_at": "peruttu"}), hide_index=True)
    active = hist[hist["undone_at"].isna()]["id"].tolist()
    if not active:
        return
    chosen = st.selectbox("Peruttava tuonti", sorted(active, reverse=True))
    if st.button(f"Peru tuonti {chosen}"):
        try:
            data.store().undo_import(int(chosen))
            st.success(f"Tuonti {chosen} peruttu: lisätyt rivit poistettu ja päivitetyt "
                       "palautettu.")
        except CannotUndo as exc:
            st.error(str(exc))
