"""User text inside Streamlit markdown: shown as text, never as markup.

`st.markdown`, `st.caption`, `st.warning`, `st.error`, `st.info`, `st.success`, `st.subheader`
and widget labels render GitHub-flavoured Markdown plus Streamlit's own directives (`:red[…]`,
`:material/…:`, `$…$` math). Stored text — a contact's note, a name, a file name — could carry
`![](https://tracker/x.png)` or `[log in](https://phish)`; `plain` escapes it so it shows
exactly as typed.

Hand-written because no maintained Python library escapes Markdown for Streamlit's renderer;
the rule is CommonMark's own (§2.4): a backslash before any ASCII punctuation character makes
that character literal. Newlines become spaces so text cannot start a heading, list or table.
"""

from __future__ import annotations

import re
import string

from kumppanuus.values import text_of

_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")


def plain(value) -> str:
    """`value` escaped for Markdown: every ASCII punctuation mark literal, lines joined."""
    text = " ".join(text_of(value).split())
    return _PUNCTUATION.sub(r"\\\1", text)
