"""The demo intranet: data (``data``) and the builder that creates it."""
