def _stage_score(item_key, data, stage, job):
    scores = []
    for idea in data["ideas"]:
        answer = job.llm.complete(model=MODEL, prompt=SCORE_PROMPT.format(idea=idea), temperature=0)
        scores.append({"idea": idea, "score": float(answer.strip())})
    return {"item": item_key, "scores": [s for s in scores if s["score"] >= 0.7]}
