def _stage_summarize(item_key, data, stage, job):
    best = sorted(data["scores"], key=lambda s: s["score"], reverse=True)[:3]
    return {"item": item_key, "summary": "; ".join(s["idea"] for s in best)}
