"""Widgets of the memos page: search with its hits, the highlights, and the memo files.

Every decision (what matches, what a viewer may see) is made in the package: `kumppanuus.store.search`
and `kumppanuus.privacy`; this module only draws.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from kumppanuus import privacy, scores
from kumppanuus.ingest import memo as memos
from kumppanuus.store import search
from kumppanuus.i18n import municipality_names
from kumppanuus.markup import plain
from kumppanuus.values import text_of
from ui import context, data

HIT_KEYS = {"highlights": "hit_highlights", "memo": "hit_memo", "actions": "hit_actions"}
TABLES_PAGE, MAP_PAGE, SCORES_PAGE = ("pages/poydat.py", "pages/kartta.py",
                                      "pages/jarjestoystavallisyys.py")


def criterion_texts() -> dict[int, str]:
    """{criterion number: its Finnish text}. Read once per section: each read of a cached
    reference frame is a copy (~1 ms), and the criterion picker labels seven options."""
    criteria = data.reference("criteria")
    return dict(zip(criteria["no"], criteria["text_fi"]))


def criterion_label(no, ctx: context.Context, texts: dict[int, str]) -> str:
    """'kriteeri 4: tarjoaa järjestöjen käyttöön …' (the criterion in the user's language, as
    on the scores page: `scores.criterion_text`), or 'yleiset vaikutukset' when empty.
    `texts`: `criterion_texts()`, read once by the section."""
    if no is None or pd.isna(no):
        return ctx.tr("search_general")
    text = scores.criterion_text(int(no), texts.get(int(no), ""), ctx.lang)
    return f"{ctx.tr('criterion_n', n=int(no))}: {text}"


def municipality_label(codes, ctx: context.Context) -> str:
    names = municipality_names(data.reference("municipalities"), ctx.lang)
    return ", ".join(names.get(c, c) for c in codes) or ctx.tr("search_whole_round")


def snippet_markdown(snippet: str, ctx: context.Context) -> str:
    """The snippet as safe Markdown with its matches in bold; contact details hidden from
    anyone who may not see them."""
    if not ctx.personal:
        snippet = privacy.mask_contact_details(snippet)
    return search.marked(plain(snippet))


def search_section(ctx: context.Context) -> None:
    c1, c2 = st.columns([3, 2])
    texts = criterion_texts()
    query = c1.text_input(ctx.tr("search_label"), key="memos_query",
                          placeholder=ctx.tr("search_placeholder"))
    criterion = c2.selectbox(ctx.tr("search_criterion"), [None, *range(1, 8)], key="memos_crit",
                             format_func=lambda n: ctx.tr("all") if n is None
                             else criterion_label(n, ctx, texts))
    st.caption(ctx.tr("search_filters_note"))
    if not query.strip():
        return
    try:
        hits = search.search(data.store().engine, query, round_name=ctx.round,
                             municipality=ctx.municipality, criterion=criterion,
                             include_internal=privacy.can_see_internal(
                                 ctx.user, presentation=ctx.presentation))
    except search.SearchError:
        st.info(ctx.tr("search_short"))
        return
    if not hits:
        st.info(ctx.tr("search_none", query=plain(query)))
        return
    st.caption(ctx.tr("search_hits", n=len(hits)))
    for hit in hits:
        hit_card(hit, ctx, texts)


def hit_card(hit: search.Hit, ctx: context.Context, texts: dict[int, str]) -> None:
    with st.container(border=True):
        parts = [f"**{ctx.tr(HIT_KEYS[hit.kind])}**", plain(hit.round), plain(hit.source),
                 plain(municipality_label(hit.municipalities, ctx))]
        if hit.kind != "memo":
            parts.append(plain(criterion_label(hit.criterion, ctx, texts)))
        elif not hit.public:
            parts.append(f":orange[{ctx.tr('search_internal')}]")
        st.markdown(" · ".join(parts))
        st.markdown(snippet_markdown(hit.snippet, ctx))
        links(hit, ctx)


def links(hit: search.Hit, ctx: context.Context) -> None:
    """Open the table, the municipality on the map, or the criterion's scores."""
    key = f"hit_{hit.kind}_{hit.id}"
    c1, c2, c3 = st.columns(3)
    if hit.table_no is not None and c1.button(ctx.tr("link_table"), key=key + "_table",
                                              on_click=open_table, args=(hit.round, hit.table_no)):
        st.switch_page(TABLES_PAGE)
    if hit.municipalities and c2.button(ctx.tr("link_municipality"), key=key + "_muni",
                                        on_click=context.filter_to_municipality,
                                        args=(hit.municipalities[0],)):
        st.switch_page(MAP_PAGE)
    if hit.criterion is not None and c3.button(ctx.tr("link_criterion"), key=key + "_crit",
                                               on_click=set_round, args=(hit.round,)):
        st.switch_page(SCORES_PAGE)


def set_round(round_name: str) -> None:
    st.session_state["flt_round"] = round_name


def open_table(round_name: str, table_no: int) -> None:
    """Callback: the tables page opens on this table's details."""
    set_round(round_name)
    st.session_state["table_pick"] = f"{round_name}|{int(table_no)}"


def highlights_section(ctx: context.Context) -> None:
    rows = data.frame("highlights")
    if ctx.round:
        rows = rows[rows["round"] == ctx.round]
    if ctx.municipality:
        rows = rows[rows["municipality"].isna() | (rows["municipality"] == ctx.municipality)]
    texts = criterion_texts()
    for no, group in rows.groupby(rows["criterion"].fillna(0).astype(int), sort=True):
        st.subheader(criterion_label(None if no == 0 else no, ctx, texts))
        for text, source, rnd in zip(group["text"], group["source"], group["round"]):
            st.markdown(plain(text) if ctx.personal else plain(privacy.mask_contact_details(
                text_of(text))))
            st.caption(f"{plain(rnd)} · {plain(source)}")


def memo_files_section(ctx: context.Context) -> None:
    shown = memos.visible(data.frame("memo"), include_internal=privacy.can_see_internal(
        ctx.user, presentation=ctx.presentation))
    if ctx.round:
        shown = shown[shown["round"] == ctx.round]
    if shown.empty:
        st.info(ctx.tr("memo_none"))
    for row in shown.itertuples(index=False):
        label = f"**{plain(row.round)}, {ctx.tr('memo_table').lower()} {int(row.table_no)}** · " \
                f"{plain(row.file_name)}"
        if not row.is_public:
            label += f" · :orange[{ctx.tr('search_internal')}]"
        st.markdown(label)
        original = memos.original_bytes(data.store(), row.sha256)
        if original is not None:
            st.download_button(ctx.tr("memo_download"), original, row.file_name,
                               key=f"memo_dl_{row.round}_{row.table_no}", on_click="ignore")
    if ctx.user and not ctx.presentation:
        memo_upload(ctx)


def memo_upload(ctx: context.Context) -> None:
    st.subheader(ctx.tr("memo_upload"))
    tables = data.frame("tables").sort_values(["date", "table_no"])
    keys = list(zip(tables["round"], tables["table_no"].astype(int)))
    labels = {k: f"{k[0]} · {k[1]}. {n}" for k, n in zip(keys, tables["name"])}
    with st.form("memo_upload_form", clear_on_submit=True):
        file = st.file_uploader(ctx.tr("memo_file"), type=list(memos.UPLOAD_TYPES))
        table = st.selectbox(ctx.tr("memo_table"), keys, format_func=labels.get)
        public = st.checkbox(ctx.tr("memo_public"))
        submitted = st.form_submit_button(ctx.tr("memo_save"), type="primary")
    if submitted and file is not None:
        save_memo(ctx, file.getvalue(), file.name, table, public)


def save_memo(ctx: context.Context, payload: bytes, name: str, table: tuple, public: bool
              ) -> None:
    checked = memos.check_memo(data.store(), payload, name, round_name=table[0],
                               table_no=table[1], public=public)
    if checked.problems:
        st.error("  \n".join(plain(line) for line in checked.problem_lines()))
        return
    import_id, plan = memos.write(data.store(), checked, user=ctx.user)
    data.refresh()
    if plan.changes:
        st.success(ctx.tr("memo_saved", id=import_id))
    else:
        st.info(ctx.tr("memo_unchanged"))
