def _stage_extract(item_key, data, stage, job):
    # Clean first: the model copes badly with HTML leftovers.
    text = clean_text(data['body'])
    response = job.llm.complete(
        model=MODEL,
        prompt=PROMPT.format(text=text),
        temperature=0,
    )
    ideas = [
        line.strip("- ").strip()
        for line in response.splitlines()
        if line.startswith("-")  # bullet lines only
    ]
    return {"item": item_key, "ideas": ideas[:MAX_IDEAS]}
