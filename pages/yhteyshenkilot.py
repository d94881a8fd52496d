"""People page: liaisons per municipality, Leader coordinators, organisers; gaps (criterion 3);
new and changed liaisons between rounds.

The sidebar's round picks the roster shown (the contacts as that round's imports left them,
`kumppanuus.liaisons`; "all": as they stand now); with a round to compare (or "all") the
changes between the rounds follow, each round named. E-mail and phone appear only when
`ctx.personal` (privacy.can_see_personal) is True; the downloads are the viewer version unless
a staff member asks for the contact details."""

import streamlit as st

from kumppanuus import directory, liaisons, metrics
from kumppanuus.markup import plain
from kumppanuus.i18n import municipality_names
from ui import context, data, downloads, views

ROLES = ("liaison", "leader", "organiser", "other")  # section order; titles: role_title_<role>

ctx = context.current()
st.title(ctx.tr("page_people"))
munis = data.municipalities(ctx.lang)
history = data.contact_history()
contacts = history.roster(ctx.round)  # None ("all"): the contacts as they stand now
if ctx.round is None:
    st.caption(ctx.tr("people_all_rounds_caption"))
elif ctx.round in history.order:
    st.caption(ctx.tr("people_round_caption", round=ctx.round))
else:
    st.info(ctx.tr("people_round_none", round=ctx.round))
PEOPLE = ("contacts", "tables")  # the kinds the kept directory reads (ui.views.memo)
people = views.memo("people_directory", PEOPLE, (ctx.round, ctx.lang), lambda: directory.build(
    contacts, munis, data.reference("leader_areas"), lang=ctx.lang))

c1, c2, c3 = st.columns([2, 1, 1])
text = c1.text_input(ctx.tr("people_search"), key="people_q")
roles = c2.multiselect(ctx.tr("people_role"), list(directory.ROLE_LABELS), key="people_roles",
                       format_func=lambda r: directory.role_label(r, ctx.lang),
                       placeholder=ctx.tr("all"))
statuses = c3.multiselect(ctx.tr("people_status"), list(directory.STATUS_LABELS),
                          key="people_statuses", placeholder=ctx.tr("all"),
                          format_func=lambda s: directory.status_label(s, ctx.lang))
st.caption(ctx.tr("people_filter_hint"))
area_of = dict(zip(munis["code"], munis["leader_area"]))


def found() -> tuple[object, list, dict]:
    """The rows the search finds, as shown: changing liaisons, one table per role, the rows."""
    rows = directory.search(people, text, municipality=ctx.municipality,
                            leader_area=ctx.leader_area, roles=roles, statuses=statuses,
                            municipality_area=area_of.get(ctx.municipality))
    changing = list(directory.shown(directory.changing(rows), personal=ctx.personal)
                    [["kunta", "nimi", "huomio"]].itertuples(index=False, name=None))
    tables = {role: directory.shown(rows[rows["role"] == role], personal=ctx.personal,
                                    lang=ctx.lang)
              for role in ROLES if (rows["role"] == role).any()}
    return rows, changing, tables


rows, changing, role_tables = views.memo("people_found", PEOPLE, (
    ctx.round, ctx.lang, text, tuple(roles), tuple(statuses), ctx.municipality,
    ctx.leader_area, ctx.personal), found)
for municipality, name, note in changing:
    st.warning(ctx.tr("people_changing", municipality=plain(municipality), name=plain(name),
                      note=plain(note)))  # stored text: shown as text, not markdown
if rows.empty:
    st.info(ctx.tr("people_none"))
for role, shown in role_tables.items():
    st.subheader(ctx.tr(f"role_title_{role}"))
    st.dataframe(shown, hide_index=True)
if not ctx.personal:
    st.caption(ctx.tr("people_contacts_hidden"))
personal_export = ctx.personal and st.checkbox(
    ctx.tr("people_include_personal"), value=False, key="people_personal")
export = views.memo("people_export", PEOPLE, (  # headers in the user's language
    ctx.round, ctx.lang, text, tuple(roles), tuple(statuses), ctx.municipality,
    ctx.leader_area, personal_export),
    lambda: directory.export_frame(directory.labelled(rows), personal=personal_export,
                                   rnd=ctx.round, lang=ctx.lang))
# the round in the file's name and first column: an older round's roster says whose it is
downloads.data_buttons(export, directory.export_name(ctx.round), key="people", lang=ctx.lang)


def round_changes() -> None:
    """New and changed liaisons between the rounds chosen (each with the next one)."""
    compared = [r for r in ctx.rounds if r in history.order]
    if len(compared) < 2:
        if len(history.order) > 1:
            st.caption(ctx.tr("people_changes_hint"))
        return
    named = " → ".join(compared)
    st.subheader(ctx.tr("people_changes_heading", rounds=named))
    changes = views.memo("liaison_changes", ("contacts", "tables"), compared,
                         lambda: liaisons.changes_between(history, compared))
    scope = metrics.covered_codes(munis, ctx.leader_area, ctx.municipality)
    if scope is not None:
        changes = changes[changes["municipality"].isin(scope)]
    if changes.empty:
        st.info(ctx.tr("people_changes_none", rounds=named))
        return
    st.dataframe(liaisons.shown_changes(changes, munis, personal=ctx.personal, lang=ctx.lang),
                 hide_index=True)
    download = liaisons.shown_changes(changes, munis, personal=personal_export, lang=ctx.lang)
    downloads.csv_button(download, "yhteyshenkilomuutokset", key="people_changes",
                         lang=ctx.lang)


round_changes()

st.subheader(ctx.tr("people_gaps_heading"))
scope = metrics.covered_codes(munis, ctx.leader_area, ctx.municipality)
in_scope = munis if scope is None else munis[munis["code"].isin(scope)]


def gap_table():
    """Municipalities without an active liaison (criterion 3), as shown; None: no gaps."""
    gaps = directory.gaps(contacts, in_scope)
    if gaps.empty:
        return None
    gaps = gaps.assign(name_fi=gaps["code"].map(municipality_names(munis, ctx.lang)))
    return gaps.rename(columns=ctx.headers({"code": "col_code", "name_fi": "col_municipality",
                                            "leader_area": "col_leader_area"}))


gaps = views.memo("people_gaps", PEOPLE, (ctx.round, ctx.lang, ctx.leader_area,
                                          ctx.municipality), gap_table)
if gaps is None:
    st.success(ctx.tr("people_no_gaps", n=len(in_scope)))
else:
    st.dataframe(gaps, hide_index=True)
