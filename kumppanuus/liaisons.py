"""Liaisons between rounds: a round's roster replayed from the import history, and what changed.

The contacts table holds only the latest state. Every contacts import records its round
(`imports.round`; the seed's contacts belong to `SEED_ROUND`), and the audit trail keeps, for
every row an import updated, the values it replaced and the import that had written them. So
each contact has a chain of versions, one per import that wrote it, oldest first; undone imports
are not in it (undo restored the row and their trail no longer counts). A round's roster is every
contact as the latest version written by that round or an earlier one left it — a correction
imported later but filed under an earlier round counts for that earlier round.

DataFrames in, DataFrames out (no streamlit); `history_of(store)` reads what it needs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from kumppanuus import examples
from kumppanuus.directory import NAMED_STATUSES, scrub, status_label
from kumppanuus.i18n import headers, municipality_names, t
from kumppanuus.store.kinds import KINDS, PERSONAL_COLUMNS

#: The round the seed's contacts (`init`, data/contacts.csv) belong to.
SEED_ROUND = "kevät 2021"
KEY = KINDS["contacts"].key
CHANGES = ("new", "changed", "left", "status")  # labels: liaison_change_<change>
COLUMNS = ["municipality", "change", "from_round", "to_round", "before", "after",
           "status_before", "status_after", "note", "email", "phone"]
SHOWN_HEADERS = {"municipality_name": "col_municipality", "change_label": "col_change",
                 "from_round": "col_from_round", "to_round": "col_to_round",
                 "before_text": "col_before", "after_text": "col_after", "note": "col_note",
                 "email": "col_email", "phone": "col_phone"}


def round_order(tables: pd.DataFrame, rounds: pd.DataFrame,
                named: Sequence[str] = ()) -> list[str]:
    """Real rounds (no example rounds), oldest first: by their earliest table, else their
    `start_date`; rounds with neither date (and `named` ones not known otherwise) last."""
    first = pd.to_datetime(tables["date"]).groupby(tables["round"]).min() if len(tables) \
        else pd.Series(dtype="datetime64[ns]")
    starts = pd.Series(pd.to_datetime(rounds["start_date"]).to_numpy(), index=rounds["round"])
    names = list(dict.fromkeys([*first.index, *rounds["round"], *named]))
    dated = {n: first.get(n, pd.NaT) if pd.notna(first.get(n, pd.NaT)) else starts.get(n, pd.NaT)
             for n in names}
    real = [n for n in names if isinstance(n, str) and not n.startswith(examples.ROUND_PREFIX)]
    return sorted(real, key=lambda n: (pd.isna(dated[n]), dated[n] if pd.notna(dated[n])
                                       else pd.Timestamp.max))


def newest_round(tables: pd.DataFrame, rounds: pd.DataFrame) -> str | None:
    """The round a contacts import belongs to unless told otherwise: the newest one."""
    order = round_order(tables, rounds)
    return order[-1] if order else None


@dataclass(frozen=True)
class ContactHistory:
    """Every version of every contact (contact columns, `writer` import id or None for the
    seed, its `round`, `seq` within the contact's chain) and the rounds in time order."""

    versions: pd.DataFrame
    order: tuple[str, ...]
    columns: tuple[str, ...]

    def roster(self, rnd: str | None) -> pd.DataFrame:
        """The contacts as they stood in round `rnd` (None: as they stand now), in the
        contacts frame's columns; a round not in `order` has none."""
        versions = self.versions
        if rnd is not None:
            included = self.order[: self.order.index(rnd) + 1] if rnd in self.order else ()
            versions = versions[versions["round"].isin(list(included))]
        # versions are in (contact, seq) order, one contact per `_row`: its last one is latest
        latest = versions.drop_duplicates("_row", keep="last")
        return latest[list(self.columns)].reset_index(drop=True)


def _id(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def contact_history(contacts: pd.DataFrame, imports: pd.DataFrame, trail: pd.DataFrame,
                    order: Sequence[str], seed_round: str = SEED_ROUND) -> ContactHistory:
    """Chains of versions from the current rows (`contacts`, as `Store.frame`), the imports
    (`Store.history`, with `round`) and the audit trail of active contacts imports
    (`Store.import_trail`: import_id, key, previous, previous_import_id)."""
    changes = {(int(r["import_id"]), tuple(r["key"][k] for k in KEY)): r
               for r in trail.to_dict("records")} if len(trail) else {}
    values = [c for c in contacts.columns if c not in ("import_id", *KEY)]
    rows = []
    for position, record in enumerate(contacts.to_dict("records")):
        key = tuple(record[k] for k in KEY)
        state, writer = {c: record[c] for c in values}, _id(record["import_id"])
        chain = [(writer, state)]
        while writer is not None and (writer, key) in changes:
            change = changes[(writer, key)]
            earlier = _id(change["previous_import_id"])
            if earlier is not None and earlier >= writer:  # never loop on a damaged trail
                break
            state, writer = {**state, **(change["previous"] or {})}, earlier
            chain.append((writer, state))
        for seq, (who, state) in enumerate(reversed(chain)):
            rows.append({**dict(zip(KEY, key)), **state, "import_id": who, "writer": who,
                         "seq": seq, "_row": position})
    rounds = {int(i): r for i, r in zip(imports["id"], imports["round"])
              if isinstance(r, str)} if len(imports) else {}  # None/NaN: no round recorded
    named = list(rounds.values())
    full_order = list(dict.fromkeys([*order, *named]))
    if seed_round not in full_order:  # a region whose rounds do not name it: before them all
        full_order.insert(0, seed_round)
    first = full_order[0]
    versions = pd.DataFrame(rows, columns=[*contacts.columns, "writer", "seq", "_row"])
    versions["round"] = [seed_round if w is None or pd.isna(w) else (rounds.get(int(w)) or first)
                         for w in versions["writer"]]
    return ContactHistory(versions, tuple(full_order), tuple(contacts.columns))


def history_of(store) -> ContactHistory:
    """The contact history of a `kumppanuus.store.Store`."""
    return contact_history(store.frame("contacts"), store.history(),
                           store.import_trail("contacts"),
                           round_order(store.frame("tables"), store.reference("rounds")))


def _named(roster: pd.DataFrame) -> dict[str, dict[str, dict]]:
    """{municipality: {name: row}} of the liaisons a municipality names (active or changing)."""
    rows = roster[(roster["role"].fillna("liaison") == "liaison")
                  & roster["status"].fillna("active").isin(NAMED_STATUSES)]
    out: dict[str, dict[str, dict]] = {}
    for row in rows.to_dict("records"):
        out.setdefault(row["municipality"], {})[row["name"]] = row
    return out


def _joined(rows: list[dict], column: str, sep: str = ", ") -> str:
    return sep.join(str(r[column]) for r in rows if isinstance(r.get(column), str) and r[column])


def _municipality_changes(before: dict[str, dict], after: dict[str, dict],
                          everyone_after: dict[str, dict]) -> list[dict]:
    names_a, names_b = sorted(before), sorted(after)
    arrived = [after[n] for n in names_b if n not in before]
    out = []
    if names_a != names_b:
        change = "new" if not names_a else "left" if not names_b else "changed"
        gone = [everyone_after.get(n, before[n]) for n in names_a if n not in after]  # notes now
        people = arrived if arrived else gone
        out.append({"change": change, "before": ", ".join(names_a), "after": ", ".join(names_b),
                    "status_before": None, "status_after": None,
                    "note": _joined(people, "note", "; "),
                    "email": _joined(arrived, "email"), "phone": _joined(arrived, "phone")})
    for name in names_a:
        if name in after and before[name]["status"] != after[name]["status"]:
            row = after[name]
            out.append({"change": "status", "before": name, "after": name,
                        "status_before": before[name]["status"], "status_after": row["status"],
                        "note": row.get("note") or "", "email": row.get("email") or "",
                        "phone": row.get("phone") or ""})
    return out


def liaison_changes(history: ContactHistory, round_a: str, round_b: str) -> pd.DataFrame:
    """Per municipality, what changed in its liaisons from `round_a` to `round_b`: `new` (it
    named none before), `changed` (who → who), `left` (it names none now), `status` (the same
    person, another status). Columns: COLUMNS; names joined with ', ' in name order."""
    roster_b = history.roster(round_b)
    before, after = _named(history.roster(round_a)), _named(roster_b)
    everyone: dict[str, dict[str, dict]] = {}
    for row in roster_b[roster_b["role"].fillna("liaison") == "liaison"].to_dict("records"):
        everyone.setdefault(row["municipality"], {})[row["name"]] = row
    rows = []
    for code in sorted(set(before) | set(after)):
        for row in _municipality_changes(before.get(code, {}), after.get(code, {}),
                                         everyone.get(code, {})):
            rows.append({"municipality": code, "from_round": round_a, "to_round": round_b, **row})
    return pd.DataFrame(rows, columns=COLUMNS)


def changes_between(history: ContactHistory, rounds: Sequence[str]) -> pd.DataFrame:
    """`liaison_changes` of each round given and the next one (in the order given)."""
    parts = [liaison_changes(history, a, b) for a, b in zip(rounds, rounds[1:])]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=COLUMNS)


def _with_status(names: str, status, lang: str) -> str:
    return f"{names} ({status_label(status, lang)})" if names and isinstance(status, str) \
        and status else names


def shown_changes(changes: pd.DataFrame, municipalities: pd.DataFrame, *, personal: bool,
                  lang: str = "fi") -> pd.DataFrame:
    """The changes as a page shows and downloads them: headers and labels in `lang`; e-mail
    and phone only if `personal`, and otherwise notes without anything shaped like them."""
    names = municipality_names(municipalities, lang)
    status_rows = changes["change"] == "status"
    out = pd.DataFrame({
        "municipality_name": changes["municipality"].map(lambda c: names.get(c, c)),
        "change_label": changes["change"].map(lambda c: t(f"liaison_change_{c}", lang)),
        "from_round": changes["from_round"], "to_round": changes["to_round"],
        "before_text": [_with_status(n, s, lang) if is_status else n for n, s, is_status in
                        zip(changes["before"], changes["status_before"], status_rows)],
        "after_text": [_with_status(n, s, lang) or "—" for n, s in
                       zip(changes["after"], changes["status_after"])],
        "note": changes["note"].fillna("") if personal else changes["note"].fillna("").map(scrub),
        **({c: changes[c].fillna("") for c in PERSONAL_COLUMNS} if personal else {}),
    })
    return out.rename(columns=headers(SHOWN_HEADERS, lang)).reset_index(drop=True)
