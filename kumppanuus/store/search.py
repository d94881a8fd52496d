"""Full-text search over what was said and what came of it: highlights, memos and actions.

SQLite: one FTS5 table `search_index` with the trigram tokenizer, kept in step with the three
tables by triggers (so imports, edits and undo need no search code of their own); the table and
triggers are made by the migration `0003_memos`. Trigram matches any substring of three or more
characters, so "kylätalo" finds "kylätalojen" and "kokoontumistiloja" finds itself inside longer
forms; it folds case but does not remove diacritics (its `remove_diacritics` option defaults to 0),
so "Ahtari" never matches "Ähtäri".
PostgreSQL: the `finnish` text-search configuration (Snowball stemming), each query word as a
prefix (`kylätalo:*`), with a GIN expression index per table.

Both return the same `Hit`s, best match first; a snippet marks each match between `MARK_START`
and `MARK_END`, which `marked` turns into whatever the caller shows (`**` on the page and CLI).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Connection, Engine, bindparam, text

MARK_START, MARK_END = "\ue000", "\ue001"
KINDS = ("highlights", "memo", "actions")
TABLES = {"highlights": "highlights", "memo": "memos", "actions": "actions"}
MIN_WORD = 3  # a trigram index cannot look up shorter words
SNIPPET_BEFORE, SNIPPET_AFTER = 70, 150

#: What is searched in each table (migration 0003_memos builds the GIN index on these same
#: expressions, and the SQLite triggers index the same columns).
PG_DOCUMENT = {
    "highlights": "coalesce(text, '')",
    "memos": "coalesce(text, '')",
    "actions": "coalesce(title, '') || ' ' || coalesce(decided_by, '') || ' ' || "
               "coalesce(note, '')",
}


#: FTS5 rowid = source id × 4 + this number, so a trigger finds a document without a scan.
ROWID_KIND = {"highlights": 1, "memo": 2, "actions": 3}
class SearchError(ValueError):
    """A query that cannot be searched (Finnish message for the user)."""


@dataclass(frozen=True)
class Hit:
    kind: str
    id: int
    round: str
    source: str
    table_no: int | None
    municipalities: tuple[str, ...]  # 3-digit codes; () = the whole round
    criterion: int | None
    snippet: str
    public: bool
    score: float


def query_words(query: str) -> list[str]:
    """The words of a query that can be searched (≥ 3 letters); raises SearchError if none."""
    words = [w for w in re.findall(r"\w+", query or "") if len(w) >= MIN_WORD]
    if not words:
        raise SearchError(f"hakusanassa pitää olla vähintään {MIN_WORD} kirjainta")
    return words


def search(engine: Engine, query: str, *, round_name: str | None = None,
           municipality: str | None = None, criterion: int | None = None,
           include_internal: bool = False, limit: int = 200) -> list[Hit]:
    """Hits for `query`, best first, filtered; internal memos only with `include_internal`."""
    words = query_words(query)
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            matches = _postgres_matches(conn, words)
        else:
            matches = _sqlite_matches(conn, words)
        if matches.empty:
            return []
        hits = _join_metadata(conn, matches)
    wanted = [h for h in hits if _keep(h, round_name, municipality, criterion, include_internal)]
    wanted.sort(key=lambda h: (-h.score, KINDS.index(h.kind), h.id))
    return wanted[:limit]


def marked(snippet: str, start: str = "**", end: str = "**") -> str:
    """A snippet with its match markers replaced by `start`/`end`."""
    return snippet.replace(MARK_START, start).replace(MARK_END, end)


def _keep(hit: Hit, round_name, municipality, criterion, include_internal) -> bool:
    if hit.kind == "memo" and not hit.public and not include_internal:
        return False
    if round_name and hit.round != round_name:
        return False
    if municipality and municipality not in hit.municipalities:
        return False
    return not criterion or hit.criterion == int(criterion)


# ------------------------------------------------------------------------------- SQLite FTS5
def fts_phrase(words: list[str]) -> str:
    """FTS5 query: every word as a quoted string (all must occur; no query syntax leaks in)."""
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def _sqlite_matches(conn: Connection, words: list[str]) -> pd.DataFrame:
    rows = conn.execute(text(
        "SELECT rowid, highlight(search_index, 0, :a, :b) AS body, bm25(search_index) AS rank "
        "FROM search_index WHERE search_index MATCH :q"
    ), {"a": MARK_START, "b": MARK_END, "q": fts_phrase(words)}).all()
    df = pd.DataFrame(rows, columns=["rowid", "body", "rank"])
    kinds = {k: kind for kind, k in ROWID_KIND.items()}
    df["kind"] = (df["rowid"] % 4).map(kinds)
    df["ref"] = df["rowid"] // 4
    df["snippet"] = df["body"].map(window)
    df["score"] = -df["rank"]  # bm25: lower is better
    return df[["kind", "ref", "snippet", "score"]]


def window(body: str) -> str:
    """The part of a highlighted text around its first match, cut at word boundaries.

    FTS5's own snippet() counts its length in tokens, which for trigram are single characters,
    so at most 64 characters of context; this keeps a readable sentence around the match."""
    body = " ".join(str(body).split())
    first = body.find(MARK_START)
    if first < 0:
        first = 0
    start = max(0, first - SNIPPET_BEFORE)
    end = min(len(body), first + SNIPPET_AFTER)
    if start > 0:
        start = body.find(" ", start, first) + 1 or start
    if end < len(body):
        end = body.rfind(" ", first, end) if body.rfind(" ", first, end) > first else end
    piece = body[start:end]
    if piece.count(MARK_START) > piece.count(MARK_END):
        piece += MARK_END
    return ("…" if start > 0 else "") + piece + ("…" if end < len(body) else "")


# ------------------------------------------------------------------------------- PostgreSQL
def ts_prefix_query(words: list[str]) -> str:
    """A `to_tsquery` text: every word (letters and digits only) as a stemmed prefix."""
    return " & ".join(f"{w}:*" for w in words)


def _postgres_matches(conn: Connection, words: list[str]) -> pd.DataFrame:
    options = f'StartSel="{MARK_START}", StopSel="{MARK_END}", MaxWords=40, MinWords=20'
    parts = []
    for kind, table in TABLES.items():
        doc = PG_DOCUMENT[table]
        parts.append(
            f"SELECT '{kind}' AS kind, id AS ref, "
            f"ts_headline('finnish', {doc}, q, :opts) AS snippet, "
            f"ts_rank(to_tsvector('finnish', {doc}), q) AS score "
            f"FROM {table}, to_tsquery('finnish', :q) AS q "
            f"WHERE to_tsvector('finnish', {doc}) @@ q")
    rows = conn.execute(text(" UNION ALL ".join(parts)),
                        {"q": ts_prefix_query(words), "opts": options}).all()
    df = pd.DataFrame(rows, columns=["kind", "ref", "snippet", "score"])
    df["snippet"] = df["snippet"].map(lambda s: " ".join(str(s).split()))
    return df


# ------------------------------------------------------------------------------- metadata
_METADATA = {
    "highlights": "SELECT id, round, source, NULL AS table_no, municipality AS munis, criterion, "
                  "1 AS public FROM highlights WHERE id IN :ids",
    "memo": "SELECT m.id, m.round, NULL AS source, m.table_no, t.municipalities AS munis, "
            "NULL AS criterion, m.is_public AS public FROM memos m LEFT JOIN partnership_tables t "
            "ON t.round = m.round AND t.table_no = m.table_no WHERE m.id IN :ids",
    "actions": "SELECT id, round, NULL AS source, table_no, municipality AS munis, criterion, "
               "1 AS public FROM actions WHERE id IN :ids",
}


def _join_metadata(conn: Connection, matches: pd.DataFrame) -> list[Hit]:
    hits = []
    for kind, group in matches.groupby("kind"):
        query = text(_METADATA[kind]).bindparams(bindparam("ids", expanding=True))
        ids = [int(i) for i in group["ref"]]
        by_id = {row["id"]: row for row in conn.execute(query, {"ids": ids}).mappings()}
        for ref, snippet, score in group[["ref", "snippet", "score"]].itertuples(index=False):
            row = by_id.get(int(ref))
            if row is not None:
                hits.append(_hit(kind, row, snippet, float(score)))
    return hits


def _hit(kind: str, row, snippet: str, score: float) -> Hit:
    table_no = None if row["table_no"] is None else int(row["table_no"])
    source = row["source"] if row["source"] is not None else f"pöytä {table_no}"
    munis = tuple(m for m in str(row["munis"] or "").split(",") if m)
    criterion = None if row["criterion"] is None else int(row["criterion"])
    return Hit(kind, int(row["id"]), row["round"], source, table_no, munis, criterion,
               snippet, bool(row["public"]), score)
