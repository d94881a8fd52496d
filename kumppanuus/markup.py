"""User text inside Streamlit markdown: shown as text, never as markup.

`st.markdown`, `st.caption`, `st.warning`, `st.error`, `st.info`, `st.success`, `st.subheader`
and widget labels render GitHub-flavoured Markdown plus Streamlit's own directives (`:red[…]`,
`:material/…:`, `$…$` math). Stored text — a contact's note, a name, a file name — could carry
`![](https://tracker/x.png)` or `[log in](https://phish)`; `plain` escapes it so it shows
exactly as typed.

Hand-written because no maintained Python library escapes Markdown for Streamlit's renderer;
the rule is CommonMark's own (§2.4): a backslash before an ASCII punctuation character makes it
literal. Escaped are the characters that start markup anywhere in a line — links and images
(`[ ] !`), emphasis (`* _ ~`), code, HTML and autolinks (`` ` < > . @ : ``: "www.x.fi" and
"https://…" no longer link), tables (`|`), math (`$`), Streamlit directives (`:`) and `\`
itself — plus `- + #` at the very start, where they would begin a list or heading. Newlines
become spaces so the text cannot start a block of its own; "Evijärvi-Kauhava (hybridi)" stays
readable in the source.
"""

from __future__ import annotations

import re

from kumppanuus.values import text_of

_ANYWHERE = re.compile(r"([\\`*_{}\[\]<>!|~:$.@#])")
_AT_START = re.compile(r"^([-+=])")


def plain(value) -> str:
    """`value` escaped for Markdown (see the module docstring), lines joined."""
    text = " ".join(text_of(value).split())
    return _AT_START.sub(r"\\\1", _ANYWHERE.sub(r"\\\1", text))
