"""UI composition shared by app.py and the pages (this package may import streamlit).

Only presentation glue lives here: the shared sidebar and its state, cached loaders over
`kumppanuus.store`, download buttons. Anything worth a unit test belongs in `kumppanuus/`.
"""
