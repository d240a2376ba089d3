"""The Streamlit pages. The only package that imports streamlit: pages turn widgets
into calls to the core and its results into elements, nothing more."""
