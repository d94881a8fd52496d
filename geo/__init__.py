"""Boundaries and the folium map: find and load them, the Kurikka split, Leader-area dissolve.

Never imports streamlit; pages cache the results (st.cache_data / st.cache_resource).
"""
