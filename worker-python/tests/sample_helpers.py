"""Helpers from another module, imported by sample_stages (a name clash for capture)."""


def clean_text(s):
    return s.strip()
