"""Base functions for the triage corpus: realistic pipeline-stage code (prompts, thresholds,
helpers, classes, decorators, comprehensions, f-strings, docstrings). Each entry is one source
unit as a worker would report it. This file is data: it is read as text, never imported to run."""

BASE_FUNCTIONS = [
'''def _stage_extract(item_key, data, stage, job):
    """Extract the ideas from one transcript."""
    text = clean_text(data["transcript"])  # raw text from the fetch stage
    if not text:
        return {"ideas": [], "skipped": True}
    prompt = EXTRACT_PROMPT.format(text=text[:12000])
    answer = call_llm_json(prompt, model=MODEL, temperature=0.0, max_tokens=2048)
    ideas = [i.strip() for i in answer.get("ideas", []) if i and len(i) > 3]
    return {"ideas": ideas, "skipped": False}
''',
'''def score(item, threshold=0.5):
    # Items below the threshold are dropped later.
    value = item.get("score", 0.0) * 1.5 + item.get("bonus", 0)
    if value > threshold and item["lang"] == 'en':
        return (value, True)
    return value, False
''',
'''EXTRACT_PROMPT = """You are an analyst.
Read the transcript below and list every distinct investment idea.
# Answer as JSON: {"ideas": [...]}
Transcript:
{text}
"""
''',
'''def clean_text(s):
    s = s.replace("\\r\\n", "\\n").replace('\\t', '    ')
    s = re.sub(r"\\s+", " ", s)  # collapse whitespace
    s = re.sub(r'#\\w+', '', s)
    return s.strip()
''',
'''@retry(times=3, backoff=2.0)
@log_calls
def fetch_page(url, timeout=30):
    headers = {'User-Agent': 'stalewatch/1.0', "Accept": "text/html",}
    response = session.get(url, headers=headers, timeout=timeout)
    response.raise_for_status()
    return response.text
''',
'''class Scorer:
    """Scores ideas with a weighted sum."""

    weights = {"novelty": 0.4, "clarity": 0.35, "risk": -0.25}

    def __init__(self, floor=0.1):
        self.floor = floor

    def __call__(self, idea):
        total = sum(self.weights[k] * idea.get(k, 0) for k in self.weights)
        return max(total, self.floor)
''',
'''def summarize(rows, top_n=5):
    ranked = sorted(rows, key=lambda r: (-r["score"], r["name"]))
    lines = [f"{i + 1}. {r['name']}: {r['score']:.2f}" for i, r in enumerate(ranked[:top_n])]
    header = f"Top {top_n} of {len(rows)} ideas"
    return header + "\\n" + "\\n".join(lines)
''',
'''def route(item):
    kind = item.get("kind", "unknown")
    if kind == "pdf":
        handler = parse_pdf
    elif kind in ("html", "htm"):
        handler = parse_html
    else:
        handler = None
    if handler is None:
        raise ValueError(f"no handler for {kind!r}")
    return handler(item["body"])
''',
'''def batch(iterable, size=100):
    chunk = []
    for element in iterable:
        chunk.append(element)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
''',
'''async def _stage_score(item_key, data, stage, job):
    ideas = data.get("ideas") or []
    results = []
    async with limiter:
        for idea in ideas:
            verdict = await call_llm_json(SCORE_PROMPT % {"idea": idea}, model="claude-opus-4")
            results.append({"idea": idea, "score": float(verdict["score"])})
    return {"scored": results, "count": len(results)}
''',
'''SCORE_PROMPT = (
    "Rate the following idea from 0 to 10 for novelty.\\n"
    "Idea: %(idea)s\\n"
    'Answer as JSON with a single key "score".'
)
''',
'''def parse_amount(text):
    match = AMOUNT_RE.search(text)
    if not match:
        return None
    number = float(match.group(1).replace(",", ""))
    unit = (match.group(2) or "").lower()
    factor = {"k": 1e3, "m": 1e6, "bn": 1e9}.get(unit, 1)
    return number * factor
''',
'''AMOUNT_RE = re.compile(r"\\$\\s?([0-9][0-9,]*\\.?[0-9]*)\\s*(k|m|bn)?", re.IGNORECASE)
''',
'''def dedupe(ideas):
    seen = set()
    unique = []
    for idea in ideas:
        key = idea["title"].casefold().strip()
        if key in seen:
            continue
        seen.add(key)
        unique.append(idea)
    return unique
''',
'''def build_query(filters, limit=50):
    clauses = ["status = 'open'"]
    params = []
    for name, value in sorted(filters.items()):
        clauses.append(f"{name} = %s")
        params.append(value)
    sql = "SELECT id, title FROM ideas WHERE " + " AND ".join(clauses)
    sql += f" LIMIT {int(limit)}"
    return sql, params
''',
'''@dataclass(frozen=True)
class Idea:
    title: str
    score: float = 0.0
    tags: tuple = ()

    def is_good(self, bar=7.5):
        return self.score >= bar and "spam" not in self.tags
''',
'''def normalize_scores(values):
    if not values:
        return []
    lo, hi = min(values), max(values)
    span = (hi - lo) or 1.0
    return [round((v - lo) / span, 4) for v in values]
''',
'''def to_markdown(idea):
    """Render one idea for the daily digest.

    The title is bold; tags follow in brackets.
    """
    tags = ", ".join(sorted(idea.tags))
    return f"**{idea.title}** [{tags}] — score {idea.score:>5.1f}"
''',
'''def load_config(path):
    with open(path, encoding="utf-8") as handle:
        raw = json.load(handle)
    config = {**DEFAULTS, **raw}
    config["model"] = config.get("model", "claude-sonnet-4")
    assert 0 <= config["temperature"] <= 1, "temperature out of range"
    return config
''',
'''def split_sentences(text):
    parts = re.split(r'(?<=[.!?])\\s+', text)
    return [p for p in parts if p and not p.isspace()]
''',
'''def should_retry(error, attempt, max_attempts=4):
    if attempt >= max_attempts:
        return False
    if isinstance(error, (TimeoutError, ConnectionError)):
        return True
    status = getattr(error, "status", None)
    return status is not None and (status == 429 or 500 <= status < 600)
''',
'''def merge_results(a, b):
    merged = dict(a)
    for key, value in b.items():
        if key in merged and isinstance(merged[key], list):
            merged[key] = merged[key] + list(value)
        else:
            merged[key] = value
    return merged
''',
'''def _stage_publish(item_key, data, stage, job):
    payload = {
        "key": item_key,
        "ideas": data["scored"],
        "job": job.name,
        "stage": stage,
    }
    if data.get("count", 0) == 0:
        log.info("nothing to publish for %s", item_key)
        return None
    return post_json(PUBLISH_URL, payload, timeout=10)
''',
'''def tokenize(text, lower=True, min_len=2):
    words = WORD_RE.findall(text)
    if lower:
        words = [w.lower() for w in words]
    return [w for w in words if len(w) >= min_len and w not in STOPWORDS]
''',
'''def weighted_average(pairs):
    total_weight = sum(w for _, w in pairs)
    if total_weight == 0:
        return 0.0
    return sum(v * w for v, w in pairs) / total_weight
''',
'''def classify(score):
    if score >= 8:
        label = "strong"
    elif score >= 5:
        label = "maybe"
    else:
        label = "weak"
    return {"label": label, "emoji": "\\u2705" if label == "strong" else "\\u274c"}
''',
'''def window(seq, n=3):
    it = iter(seq)
    result = tuple(next(it) for _ in range(n))
    if len(result) == n:
        yield result
    for elem in it:
        result = result[1:] + (elem,)
        yield result
''',
'''def format_report(stats):
    lines = []
    for name, (count, mean) in stats.items():
        lines.append("%-20s %6d %8.3f" % (name, count, mean))
    return "\\n".join(lines) + '\\n'
''',
'''class RateLimiter:
    def __init__(self, per_second=5):
        self.interval = 1.0 / per_second
        self.last = 0.0

    def wait(self):
        now = time.monotonic()
        delay = self.last + self.interval - now
        if delay > 0:
            time.sleep(delay)
        self.last = max(now, self.last + self.interval)
''',
'''def extract_links(html):
    links = []
    for m in re.finditer(r'href="([^"#]+)(#[^"]*)?"', html):
        url = m.group(1)
        if url.startswith(("http://", "https://")):
            links.append(url)
    return links
''',
'''def pick_model(text):
    n = len(text)
    model = "claude-haiku" if n < 2000 else "claude-sonnet" if n < 20000 else "claude-opus"
    return model, n // 4
''',
'''def safe_div(a, b, default=None):
    try:
        return a / b
    except ZeroDivisionError:
        return default
    finally:
        COUNTER["div"] += 1
''',
'''def flatten(nested):
    out = []
    for x in nested:
        if isinstance(x, (list, tuple)):
            out.extend(flatten(x))
        else:
            out.append(x)
    return out
''',
'''def chunk_text(text, max_chars=4000, overlap=200):
    """Split text into overlapping chunks for the model."""
    if len(text) <= max_chars:
        return [text]
    chunks, start = [], 0
    while start < len(text):
        end = min(start + max_chars, len(text))
        chunks.append(text[start:end])
        if end == len(text):
            break
        start = end - overlap
    return chunks
''',
'''def bucket(value, edges=(0.25, 0.5, 0.75)):
    for i, edge in enumerate(edges):
        if value < edge:
            return i
    return len(edges)
''',
'''def mask_email(s):
    user, _, domain = s.partition("@")
    if not domain:
        return s
    return user[:1] + "***@" + domain
''',
'''def parse_line(line):
    if (m := LINE_RE.match(line)) is not None:
        return m.group("key"), int(m.group("value"), 16)
    return None
''',
'''def count_by(items, key):
    counts = {}
    for item in items:
        k = key(item)
        counts[k] = counts.get(k, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: kv[1], reverse=True))
''',
'''def describe(idea):
    return (
        f"{idea['title']!s} "
        f"({idea.get('score', 0):.1f}/10) "
        "tags: " + ", ".join(idea.get("tags", []))
    )
''',
'''def is_valid(record):
    required = ["id", "title", "body"]
    return all(k in record for k in required) and not record.get("deleted", False)
''',
]
