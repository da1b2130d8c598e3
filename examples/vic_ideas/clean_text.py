def clean_text(s):
    return " ".join(s.replace("<br>", " ").split())
