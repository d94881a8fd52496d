"""People page: liaisons per municipality, Leader coordinators, organisers; gaps (criterion 3).

E-mail and phone appear only when `ctx.personal` (privacy.can_see_personal) is True; the
download is the viewer version unless a staff member asks for the contact details."""

import streamlit as st

from kumppanuus import directory, metrics
from ui import context, data, downloads

ROLE_TITLES = {"liaison": "Järjestöyhdyshenkilöt kunnittain",
               "leader": "Leader-kyläkehittäjät Leader-alueittain",
               "organiser": "Järjestäjät", "other": "Muut yhteyshenkilöt"}

ctx = context.current()
st.title(ctx.tr("page_people"))
munis = data.reference("municipalities")
contacts = data.frame("contacts")
people = directory.build(contacts, munis, data.reference("leader_areas"))

c1, c2, c3 = st.columns([2, 1, 1])
text = c1.text_input("Hae (nimi, organisaatio, kunta, huomio)", key="people_q")
roles = c2.multiselect("Rooli", list(directory.ROLE_LABELS), key="people_roles",
                       format_func=directory.ROLE_LABELS.get, placeholder="Kaikki")
statuses = c3.multiselect("Tila", list(directory.STATUS_LABELS), key="people_statuses",
                          format_func=directory.STATUS_LABELS.get, placeholder="Kaikki")
st.caption("Kunnan ja Leader-alueen voi rajata sivupalkista.")
rows = directory.search(people, text, municipality=ctx.municipality,
                        leader_area=ctx.leader_area, roles=roles, statuses=statuses)

for item in directory.shown(directory.changing(rows), personal=ctx.personal).itertuples():
    st.warning(f"{item.kunta}: {item.nimi} – vaihtumassa. {item.huomio or ''}")
if rows.empty:
    st.info("Haulla ei löytynyt yhteyshenkilöitä.")
for role, title in ROLE_TITLES.items():
    part = rows[rows["role"] == role]
    if not part.empty:
        st.subheader(title)
        st.dataframe(directory.shown(part, personal=ctx.personal), hide_index=True)
if not ctx.personal:
    st.caption("Puhelinnumerot ja sähköpostiosoitteet näkyvät vain kirjautuneelle "
               "henkilökunnalle (ei esitystilassa).")
personal_export = ctx.personal and st.checkbox(
    "Sisällytä sähköpostit ja puhelinnumerot latauksiin", value=False, key="people_personal")
downloads.data_buttons(directory.export_frame(rows, personal=personal_export),
                       "yhteyshenkilot", key="people", lang=ctx.lang)

st.subheader("Kunnat ilman nimettyä järjestöyhdyshenkilöä (kriteeri 3)")
scope = metrics.covered_codes(munis, ctx.leader_area, ctx.municipality)
in_scope = munis if scope is None else munis[munis["code"].isin(scope)]
gaps = directory.gaps(contacts, in_scope)
if gaps.empty:
    st.success(f"Kaikki {len(in_scope)} kuntaa ovat nimenneet järjestöyhdyshenkilön.")
else:
    st.dataframe(gaps.rename(columns={"code": "kuntanumero", "name_fi": "kunta",
                                      "leader_area": "Leader-alue"}), hide_index=True)
