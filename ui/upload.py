"""Widgets of the upload page; every decision is made by kumppanuus.ingest.pipeline."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kumppanuus import previews, schema
from kumppanuus.ingest import menti, pipeline
from kumppanuus.markup import plain
from kumppanuus.i18n import fmt_number, has, headers, t
from kumppanuus.store import CannotUndo
from ui import data, downloads

KIND_LABELS = {k: f"{schema.KINDS[k].title_fi} ({k})" for k in schema.KINDS} | {
    "menti": "Mentimeter-vienti (menti → arviot)"}
GROUPS = {"osallistujat": "group_participants", "kuntajohtajat": "group_managers"}
PROBLEM_HEADERS = {"file": "col_file", "row": "col_row", "column": "col_column",
                   "value": "col_value", "message": "col_problem"}
HISTORY_HEADERS = {"id": "col_import_id", "created_at": "col_time", "user": "col_user",
                   "kind": "col_kind", "file_name": "col_file", "rows_added": "col_added",
                   "rows_updated": "col_updated", "undone_at": "col_undone",
                   "round": "col_round"}


def kind_title(kind: str, lang: str = "fi") -> str:
    """The kind's name in `lang` ('kumppanuuspöydät' for tables in Finnish)."""
    if has(f"kind_{kind}"):
        return t(f"kind_{kind}", lang)
    return schema.KINDS[kind].title_fi if kind in schema.KINDS else kind


def kind_label(kind: str, lang: str = "fi") -> str:
    """What the kind selector shows: 'kumppanuuspöydät (tables)'."""
    return kind_title(kind, lang) if kind == "menti" else f"{kind_title(kind, lang)} ({kind})"


def start(state: dict, file) -> None:
    """A new file: keep its bytes and a guessed kind; forget any earlier check."""
    raw = file.getvalue()
    state.clear()
    closest, missing = pipeline.closest_kind(raw, file.name)
    state.update(file_id=file.file_id, name=file.name, data=raw, closest=closest,
                 missing=missing, guess=closest if closest and not missing else None)
    state["kind"] = state["guess"] or closest or "tables"


def choose_kind(state: dict, lang: str = "fi") -> None:
    kinds = list(KIND_LABELS)
    if state.get("guess"):
        st.caption(t("upload_guess", lang, kind=kind_label(state["guess"], lang)))
    elif state.get("closest") and state.get("missing"):  # never offered as a lesser match
        st.warning(t("upload_near_kind", lang, kind=kind_label(state["closest"], lang),
                     missing=", ".join(f"`{m}`" for m in state["missing"])))
    else:
        st.warning(t("upload_no_guess", lang))
    kind = st.selectbox(t("upload_kind", lang), kinds, index=kinds.index(state["kind"]),
                        format_func=lambda k: kind_label(k, lang))
    if kind != state["kind"]:
        state.update(kind=kind, checked=None)
    example = kind in pipeline.EXAMPLE_KINDS and st.checkbox(
        t("upload_mark_example", lang), value=bool(state.get("example")),
        help=t("upload_mark_example_help", lang))
    if example != bool(state.get("example")):
        state.update(example=example, checked=None)
    if kind == "contacts":
        contacts_round(state, lang)


def contacts_round(state: dict, lang: str = "fi") -> None:
    """The round a contacts file belongs to (its roster on the people page); the newest by
    default. A database without rounds files it under none."""
    rounds = pipeline.contact_rounds(data.store())
    if not rounds:
        state["round"] = None
        return
    chosen = state.get("round") if state.get("round") in rounds else rounds[-1]
    state["round"] = st.selectbox(t("upload_contacts_round", lang), rounds,
                                  index=rounds.index(chosen), key="upload_contacts_round",
                                  help=t("upload_contacts_round_help", lang))


def menti_form(state: dict, municipalities: pd.DataFrame, lang: str = "fi") -> None:
    """Round, source, municipality, group and date of a Mentimeter export (the values stay
    Finnish: they are what the import stores)."""
    meta = state.setdefault("menti", {})
    c1, c2 = st.columns(2)
    meta["round"] = c1.text_input(t("round", lang), meta.get("round", "kevät 2021"))
    meta["source"] = c2.text_input(t("label_source", lang), meta.get("source", ""),
                                   placeholder=t("menti_source_placeholder", lang))
    names = municipalities["name_fi"].tolist()
    meta["municipality"] = c1.selectbox(t("municipality", lang), names)
    meta["group"] = c2.selectbox(t("scores_group", lang), list(GROUPS),
                                 format_func=lambda g: t(GROUPS[g], lang))
    if "file_date" not in state:
        state["file_date"] = menti.file_date(state["data"], state.get("name", "menti.xlsx"))
    meta["date"] = c1.date_input(t("label_date", lang), state["file_date"], format="DD.MM.YYYY",
                                 help=t("menti_date_help", lang))


def check(state: dict, lang: str = "fi") -> None:
    with st.spinner(t("upload_checking", lang)):
        checked = pipeline.check_bytes(state["kind"], state["data"], state["name"],
                                       data.store(), menti_meta=state.get("menti")
                                       if state["kind"] == "menti" else None)
        state["checked"] = checked
        state["plan"] = None if checked.problems else pipeline.preview(
            data.store(), checked, example=bool(state.get("example")))


def show_result(state: dict, user: str, lang: str = "fi") -> None:
    checked = state["checked"]
    munis = data.municipalities(lang)
    if checked.problems:
        st.error(t("upload_problems", lang, file=plain(checked.file_name), n=len(checked.problems)))
        st.dataframe(_problems(checked.result.problems_frame(), lang), hide_index=True)
        return
    plan = state["plan"]
    c1, c2, c3 = st.columns(3)
    c1.metric(t("upload_to_add", lang), fmt_number(len(plan.added), lang))
    c2.metric(t("upload_to_update", lang), fmt_number(len(plan.updated), lang))
    c3.metric(t("upload_unchanged", lang), fmt_number(plan.unchanged, lang))
    if checked.result.warnings:
        st.warning(t("upload_warnings", lang, n=len(checked.result.warnings)))
        st.dataframe(_problems(checked.result.warnings_frame(), lang), hide_index=True)
    added, updated, mask = pipeline.preview_frames(plan)
    if not added.empty:
        st.subheader(t("upload_added_rows", lang))
        st.dataframe(previews.shown(added, checked.kind, munis, lang), hide_index=True)
    if not updated.empty:
        st.subheader(t("upload_updated_rows", lang))
        shown = previews.shown(updated, checked.kind, munis, lang)
        colours = mask.replace({True: "background-color: #fff3b0", False: ""})
        colours.columns = shown.columns
        st.dataframe(shown.style.apply(lambda _: colours, axis=None), hide_index=True)
    if plan.changes == 0:
        st.info(t("upload_no_change", lang))
    if st.button(t("upload_confirm", lang), type="primary", disabled=plan.changes == 0):
        import_id, done = pipeline.write(data.store(), checked, user=user,
                                         example=bool(state.get("example")),
                                         round=state.get("round") if checked.kind == "contacts"
                                         else None)
        data.refresh()
        state.clear()
        st.session_state["upload_done"] = (import_id, len(done.added), len(done.updated))
        st.rerun()


def _problems(df: pd.DataFrame, lang: str = "fi") -> pd.DataFrame:
    """Problems or warnings with headers in `lang` (the messages themselves stay Finnish)."""
    return df.rename(columns=headers(PROBLEM_HEADERS, lang))


def announce_done(lang: str = "fi") -> None:
    done = st.session_state.pop("upload_done", None)
    if done:
        st.success(t("upload_done", lang, id=done[0], added=done[1], updated=done[2]))


def history(lang: str = "fi") -> None:
    hist = data.store().history()
    if hist.empty:
        st.info(t("history_empty", lang))
        return
    shown = hist[["id", "created_at", "user", "kind", "round", "file_name", "rows_added",
                  "rows_updated", "undone_at", "sha256"]].sort_values("id", ascending=False)
    st.dataframe(shown.rename(columns=headers(HISTORY_HEADERS, lang)), hide_index=True)
    downloads.data_buttons(shown, "tuontihistoria", key="history", lang=lang)  # neutralised
    active = hist[hist["undone_at"].isna()]["id"].tolist()
    if not active:
        return
    chosen = st.selectbox(t("history_pick", lang), sorted(active, reverse=True))
    if st.button(t("history_undo", lang, id=chosen)):
        st.session_state["undo_pending"] = int(chosen)
    pending = st.session_state.get("undo_pending")
    if pending in active:
        confirm_undo(pending, hist.set_index("id").loc[pending, "file_name"], lang)


def confirm_undo(import_id: int, file_name: str, lang: str = "fi") -> None:
    """Ask before undoing; after it, rerun so the history shows the undo at once."""
    st.warning(t("history_undo_confirm", lang, id=import_id, file=plain(file_name)))
    yes, no = st.columns(2)
    if no.button(t("history_undo_no", lang), key="undo_no"):
        st.session_state.pop("undo_pending", None)
        st.rerun()
    if yes.button(t("history_undo_yes", lang, id=import_id), type="primary", key="undo_yes"):
        st.session_state.pop("undo_pending", None)
        try:
            data.store().undo_import(import_id)
            data.refresh()
            st.session_state["undo_done"] = import_id
        except CannotUndo as exc:
            st.session_state["undo_error"] = str(exc)
        st.rerun()


def announce_undo(lang: str = "fi") -> None:
    done = st.session_state.pop("undo_done", None)
    if done:
        st.success(t("history_undone", lang, id=done))
    error = st.session_state.pop("undo_error", None)
    if error:
        st.error(error)
