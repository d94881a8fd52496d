"""People page: liaisons per municipality, Leader coordinators, organisers; gaps (criterion 3).

E-mail and phone appear only when `ctx.personal` (privacy.can_see_personal) is True; the
download is the viewer version unless a staff member asks for the contact details."""

import streamlit as st

from kumppanuus import directory, metrics
from kumppanuus.markup import plain
from kumppanuus.i18n import municipality_names
from ui import context, data, downloads

ROLES = ("liaison", "leader", "organiser", "other")  # section order; titles: role_title_<role>

ctx = context.current()
st.title(ctx.tr("page_people"))
munis = data.municipalities(ctx.lang)
contacts = data.frame("contacts")
people = directory.build(contacts, munis, data.reference("leader_areas"), lang=ctx.lang)

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
rows = directory.search(people, text, municipality=ctx.municipality,
                        leader_area=ctx.leader_area, roles=roles, statuses=statuses,
                        municipality_area=area_of.get(ctx.municipality))

for item in directory.shown(directory.changing(rows), personal=ctx.personal).itertuples():
    st.warning(ctx.tr("people_changing", municipality=plain(item.kunta), name=plain(item.nimi),
                      note=plain(item.huomio)))  # stored text: shown as text, not markdown
if rows.empty:
    st.info(ctx.tr("people_none"))
for role in ROLES:
    part = rows[rows["role"] == role]
    if not part.empty:
        st.subheader(ctx.tr(f"role_title_{role}"))
        st.dataframe(directory.shown(part, personal=ctx.personal, lang=ctx.lang),
                     hide_index=True)
if not ctx.personal:
    st.caption(ctx.tr("people_contacts_hidden"))
personal_export = ctx.personal and st.checkbox(
    ctx.tr("people_include_personal"), value=False, key="people_personal")
export = directory.export_frame(directory.labelled(rows), personal=personal_export)  # Finnish
downloads.data_buttons(export, "yhteyshenkilot", key="people", lang=ctx.lang)

st.subheader(ctx.tr("people_gaps_heading"))
scope = metrics.covered_codes(munis, ctx.leader_area, ctx.municipality)
in_scope = munis if scope is None else munis[munis["code"].isin(scope)]
gaps = directory.gaps(contacts, in_scope)
if gaps.empty:
    st.success(ctx.tr("people_no_gaps", n=len(in_scope)))
else:
    gaps = gaps.assign(name_fi=gaps["code"].map(municipality_names(munis, ctx.lang)))
    st.dataframe(gaps.rename(columns=ctx.headers({"code": "col_code", "name_fi": "col_municipality",
                                                  "leader_area": "col_leader_area"})),
                 hide_index=True)
