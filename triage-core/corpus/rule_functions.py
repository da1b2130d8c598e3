"""Extra base sources for the rule-tier corpus (make_rule_corpus.py): realistic pipeline-stage code
with the constructs base_functions.py has few of: classes with methods (plain and decorated),
class-body fields, nested closures, nonlocal and global state, local classes, comprehensions,
walrus, with-as and except-as, loops with accumulators, typed signatures, star parameters, match
statements and small modules with imports and a module docstring; a few carry what the tightened
rules look at (a click command, a pandas query naming a local, typing imports, a quoted
self-reference). Each entry is one source unit as a worker would report it. This file is data:
it is read as text, never imported to run."""

RULE_FUNCTIONS = [
'''class DigestBuilder:
    """Collects scored ideas and renders the daily digest."""

    def __init__(self, title, limit=10):
        self.title = title
        self.limit = limit
        self.entries = []

    def add(self, idea, score):
        entry = {"idea": idea, "score": round(score, 2)}
        self.entries.append(entry)
        return entry

    def render(self):
        ranked = sorted(self.entries, key=lambda e: e["score"], reverse=True)
        body = "\\n".join(f"- {e['idea']} ({e['score']})" for e in ranked[: self.limit])
        return f"# {self.title}\\n\\n{body}\\n"
''',
'''class TokenBucket:
    def __init__(self, capacity, refill_per_second):
        self.capacity = capacity
        self.tokens = float(capacity)
        self.refill = refill_per_second
        self.updated = time.monotonic()

    def take(self, cost=1):
        now = time.monotonic()
        elapsed = now - self.updated
        self.tokens = min(self.capacity, self.tokens + elapsed * self.refill)
        self.updated = now
        if self.tokens < cost:
            return False
        self.tokens -= cost
        return True
''',
'''class JsonlWriter:
    """Appends records to a JSON-lines file, one per line."""

    def __init__(self, path):
        self.path = path
        self.written = 0

    def write_all(self, records):
        with open(self.path, "a", encoding="utf-8") as out:
            for record in records:
                line = json.dumps(record, sort_keys=True)
                out.write(line + "\\n")
                self.written += 1
        return self.written
''',
'''class StageCache:
    def __init__(self, root, ttl_seconds=3600):
        self.root = root
        self.ttl = ttl_seconds

    def get(self, key):
        path = os.path.join(self.root, key + ".json")
        try:
            with open(path, encoding="utf-8") as handle:
                cached = json.load(handle)
        except (FileNotFoundError, json.JSONDecodeError) as error:
            log.debug("cache miss for %s: %s", key, error)
            return None
        age = time.time() - cached.get("stored_at", 0)
        return cached["value"] if age < self.ttl else None
''',
'''class PromptTemplate:
    """A prompt with named slots, filled per item."""

    def __init__(self, text, required=("text",)):
        self.text = text
        self.required = tuple(required)

    def fill(self, **values):
        missing = [name for name in self.required if name not in values]
        if missing:
            raise KeyError("missing slots: " + ", ".join(missing))
        return self.text.format(**values)
''',
'''class Histogram:
    def __init__(self, edges):
        self.edges = sorted(edges)
        self.counts = [0] * (len(self.edges) + 1)

    def add(self, value):
        index = 0
        for edge in self.edges:
            if value < edge:
                break
            index += 1
        self.counts[index] += 1

    def fractions(self):
        total = sum(self.counts) or 1
        return [count / total for count in self.counts]
''',
'''@dataclass
class ScoredIdea:
    """One idea with the model's verdict."""

    title: str
    score: float = 0.0
    reasons: list = field(default_factory=list)

    def summary(self, width=60):
        text = f"{self.title}: {self.score:.1f}"
        return text if len(text) <= width else text[: width - 1] + "…"
''',
'''class StageResult(NamedTuple):
    key: str
    ok: bool
    payload: Optional[dict] = None
    error: str = ""

    def describe(self):
        state = "ok" if self.ok else "failed"
        return f"{self.key}: {state} {self.error}".rstrip()
''',
'''class PublishRequest(BaseModel):
    """Body of the publish call."""

    key: str
    ideas: List[dict]
    dry_run: bool = False

    def count(self):
        return len(self.ideas)
''',
'''@register_stage("enrich")
class EnrichStage:
    retries = 2

    def __init__(self, client, model="claude-sonnet-4"):
        self.client = client
        self.model = model

    def run(self, item, context):
        prompt = ENRICH_PROMPT.format(title=item["title"])
        reply = self.client.complete(prompt, model=self.model)
        extra = json.loads(reply)
        return {**item, **extra}
''',
'''def make_counter(start=0):
    count = start

    def increment(step=1):
        nonlocal count
        count += step
        return count

    return increment
''',
'''def retrying(times=3, delay=0.5):
    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            last = None
            for attempt in range(times):
                try:
                    return func(*args, **kwargs)
                except TransientError as error:
                    last = error
                    time.sleep(delay * (attempt + 1))
            raise last
        return wrapper
    return decorate
''',
'''def build_filter(banned_words, min_length=20):
    banned = {w.lower() for w in banned_words}

    def keep(text):
        words = text.lower().split()
        return len(text) >= min_length and not any(w in banned for w in words)

    return keep
''',
'''def progress_reporter(total, every=100):
    done = 0
    started = time.monotonic()

    def report(n=1):
        nonlocal done
        done += n
        if done % every == 0 or done == total:
            rate = done / max(time.monotonic() - started, 1e-9)
            log.info("%d/%d done (%.1f/s)", done, total, rate)

    return report
''',
'''def group_by_source(items):
    groups = {}
    for item in items:
        source = item.get("source") or "unknown"
        groups.setdefault(source, []).append(item)
    sizes = {name: len(members) for name, members in groups.items()}
    largest = max(sizes, key=sizes.get) if sizes else None
    return groups, largest
''',
'''def running_mean(values):
    total = 0.0
    means = []
    for n, value in enumerate(values, start=1):
        total += value
        means.append(total / n)
    return means
''',
'''def top_keywords(docs, k=10):
    counts = Counter()
    for doc in docs:
        tokens = [t.lower() for t in doc.split() if t.isalpha()]
        counts.update(set(tokens))
    common = [word for word, freq in counts.most_common(k * 2) if word not in STOPWORDS]
    return common[:k]
''',
'''def read_batches(path, batch_size=500):
    batch = []
    with open(path, encoding="utf-8") as source:
        for raw in source:
            if (line := raw.strip()):
                batch.append(json.loads(line))
            if len(batch) == batch_size:
                yield batch
                batch = []
    if batch:
        yield batch
''',
'''def first_match(patterns, text):
    for pattern in patterns:
        if (found := re.search(pattern, text)) is not None:
            return found.group(0)
    return None
''',
'''def load_ideas(path):
    try:
        with open(path, encoding="utf-8") as handle:
            rows = json.load(handle)
    except FileNotFoundError:
        return []
    except json.JSONDecodeError as exc:
        raise ValueError(f"bad ideas file {path}: {exc}") from exc
    cleaned = [row for row in rows if row.get("title")]
    return cleaned
''',
'''def pairwise_similarity(vectors):
    scores = {}
    for i, left in enumerate(vectors):
        for j, right in enumerate(vectors[i + 1:], start=i + 1):
            dot = sum(a * b for a, b in zip(left, right))
            scores[(i, j)] = dot
    best = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)[:5]
    return best
''',
'''_MODEL_CACHE = {}


def get_model(name):
    global _MODEL_CACHE
    if name not in _MODEL_CACHE:
        client = load_client(name)
        _MODEL_CACHE = {**_MODEL_CACHE, name: client}
    return _MODEL_CACHE[name]
''',
'''def record_failure(key, error):
    global FAILURES
    entry = {"key": key, "error": str(error), "at": time.time()}
    FAILURES = FAILURES + [entry]
    if len(FAILURES) > 100:
        FAILURES = FAILURES[-100:]
    return entry
''',
'''def reset_stats():
    global processed_count, last_error
    previous = processed_count
    processed_count = 0
    last_error = None
    return previous
''',
'''def make_stage_class(stage_name, timeout):
    label = stage_name.title()

    class Stage:
        name = stage_name
        description = label + " stage"
        deadline = timeout * 2

        def run(self, item):
            return {"stage": self.name, "item": item}

    return Stage
''',
'''def build_config(env):
    defaults = {"retries": 3, "model": "claude-haiku"}
    region = env.get("REGION", "eu")

    class Config:
        settings = {**defaults, **env}
        zone = region + "-1"

    return Config
''',
'''def classify_event(event):
    match event:
        case {"type": "error", "code": code}:
            severity = "high" if code >= 500 else "low"
            return f"error {code} ({severity})"
        case {"type": "progress", "done": done, "total": total}:
            share = done / total if total else 0.0
            return f"{share:.0%} done"
        case _:
            return "unknown"
''',
'''def merge_streams(*streams, key=None, reverse=False):
    merged = []
    for stream in streams:
        merged.extend(stream)
    merged.sort(key=key, reverse=reverse)
    return merged
''',
'''def call_with_timeout(func, /, *args, timeout=5.0, **kwargs):
    deadline = time.monotonic() + timeout
    result = func(*args, **kwargs)
    overrun = time.monotonic() - deadline
    if overrun > 0:
        log.warning("call overran by %.2fs", overrun)
    return result
''',
'''def fetch_text(url: str, timeout: Optional[float] = None) -> str:
    """Fetch one page as text."""
    response = session.get(url, timeout=timeout or 30)
    response.raise_for_status()
    body: str = response.text
    return body.strip()
''',
'''def rank_ideas(ideas: List[Dict[str, Any]], top: int = 5) -> List[str]:
    scored = [(idea.get("score", 0.0), idea["title"]) for idea in ideas]
    scored.sort(reverse=True)
    titles: list = []
    for score, title in scored[:top]:
        titles.append(f"{title} ({score:.1f})")
    return titles
''',
'''def parse_record(raw: bytes, encoding: str = "utf-8") -> Optional[dict]:
    text = raw.decode(encoding, errors="replace")
    if not text.strip():
        return None
    record = json.loads(text)
    record["size"] = len(raw)
    return record
''',
'''@functools.lru_cache(maxsize=256)
def embed_title(title, model="text-embed-3"):
    cleaned = title.strip().lower()
    vector = embedding_client.embed(cleaned, model=model)
    norm = math.sqrt(sum(x * x for x in vector)) or 1.0
    return tuple(x / norm for x in vector)
''',
'''@app.route("/ideas/<int:idea_id>")
def show_idea(idea_id, fmt="json"):
    idea = store.get(idea_id)
    if idea is None:
        abort(404)
    payload = {"id": idea_id, "title": idea.title, "score": idea.score}
    return jsonify(payload) if fmt == "json" else render_template("idea.html", **payload)
''',
'''@pytest.fixture
def sample_items(tmp_path):
    items = [{"key": f"item-{i}", "body": "x" * i} for i in range(5)]
    target = tmp_path / "items.jsonl"
    target.write_text("\\n".join(json.dumps(i) for i in items))
    return target
''',
'''async def fetch_all(urls, concurrency=8):
    semaphore = asyncio.Semaphore(concurrency)
    pages = {}

    async def fetch_one(url):
        async with semaphore:
            async with session.get(url) as response:
                pages[url] = await response.text()

    await asyncio.gather(*(fetch_one(u) for u in urls))
    return pages
''',
'''async def drain(queue, handler):
    handled = 0
    failures = []
    async for message in queue:
        try:
            await handler(message)
            handled += 1
        except Exception as problem:
            failures.append((message.id, repr(problem)))
    return handled, failures
''',
'''import json
import logging

log = logging.getLogger(__name__)

THRESHOLD = 0.7


def keep_confident(rows):
    kept = []
    for row in rows:
        confidence = float(row.get("confidence", 0))
        if confidence >= THRESHOLD:
            kept.append(row)
    log.info("kept %d of %d rows", len(kept), len(rows))
    return kept
''',
'''"""Stage helpers for the scoring step."""
import math

WEIGHTS = {"novelty": 2.0, "clarity": 1.0}


def weighted_score(idea):
    numerator = 0.0
    for name, weight in WEIGHTS.items():
        numerator += weight * idea.get(name, 0.0)
    denominator = sum(WEIGHTS.values())
    return math.floor(100 * numerator / denominator) / 100
''',
'''from collections import defaultdict


def invert_index(docs):
    index = defaultdict(set)
    for doc_id, text in docs.items():
        for term in set(text.lower().split()):
            index[term].add(doc_id)
    return {term: sorted(ids) for term, ids in index.items()}
''',
'''def explain_scores(scores, labels):
    width = max((len(label) for label in labels), default=0)
    rows = []
    for label, value in zip(labels, scores):
        bar = "#" * int(value * 20)
        rows.append(f"{label:<{width}} {bar} {value:.2f}")
    return "\\n".join(rows)
''',
'''def dedupe_by_similarity(titles, cutoff=0.9):
    kept = []
    for candidate in titles:
        normalized = candidate.casefold()
        if all(ratio(normalized, other.casefold()) < cutoff for other in kept):
            kept.append(candidate)
    return kept
''',
'''def window_stats(samples, size=10):
    stats = []
    for start in range(0, len(samples), size):
        chunk = samples[start:start + size]
        mean = sum(chunk) / len(chunk)
        spread = max(chunk) - min(chunk)
        stats.append({"start": start, "mean": mean, "spread": spread})
    return stats
''',
'''class Pipeline:
    def __init__(self, stages):
        self.stages = list(stages)

    def run(self, item):
        current = item
        for stage in self.stages:
            started = time.perf_counter()
            current = stage(current)
            elapsed = time.perf_counter() - started
            log.debug("%s took %.3fs", stage.__name__, elapsed)
        return current
''',
'''def make_accumulator(kind):
    totals = {}
    calls = 0

    def add(key, amount=1.0):
        nonlocal calls
        calls += 1
        totals[key] = totals.get(key, 0.0) + amount
        return calls

    def snapshot():
        return {"kind": kind, "calls": calls, "totals": dict(totals)}

    return add, snapshot
''',
'''def debounce(wait_seconds):
    last_call = 0.0

    def should_run():
        nonlocal last_call
        now = time.monotonic()
        if now - last_call < wait_seconds:
            return False
        last_call = now
        return True

    return should_run
''',
'''def make_schema(table, columns):
    primary = columns[0]
    width = max(len(c) for c in columns)

    class Schema:
        name = table
        key = primary
        padding = width + 2
        fields = tuple(columns)

        def describe(self):
            return f"{self.name}({', '.join(self.fields)})"

    return Schema()
''',
'''def stage_factory(model_name, temperature=0.0):
    prompt_prefix = "You are a careful analyst."

    class LlmStage:
        model = model_name
        settings = {"temperature": temperature}
        system = prompt_prefix

        def __call__(self, text):
            return call_llm(self.system + "\\n" + text, model=self.model, **self.settings)

    return LlmStage
''',
'''def log_event(event, *details, level="info", **fields):
    parts = [str(d) for d in details]
    message = event + (": " + ", ".join(parts) if parts else "")
    extra = {k: v for k, v in sorted(fields.items()) if v is not None}
    getattr(log, level)(message, extra=extra)
    return message
''',
'''def submit_batch(client, *items, priority=0, dry_run=False):
    accepted = []
    for item in items:
        if dry_run:
            accepted.append(item["key"])
            continue
        receipt = client.submit(item, priority=priority)
        accepted.append(receipt.key)
    return accepted
''',
'''_seen_keys = set()


def first_time(key):
    global _seen_keys
    fresh = key not in _seen_keys
    if fresh:
        _seen_keys = _seen_keys | {key}
    return fresh
''',
'''def sort_by_weight(rows, field="score"):
    weights = load_weights()
    bias = weights.get("bias", 0.0)
    ranked = sorted(rows, key=lambda r: r.get(field, 0.0) * weights.get(r["kind"], 1.0) + bias)
    return ranked[:MAX_ROWS]
''',
'''def make_validator(schema):
    required = [k for k, v in schema.items() if v.get("required")]
    types = {k: v["type"] for k, v in schema.items() if "type" in v}

    def validate(record):
        missing = [k for k in required if k not in record]
        wrong = [k for k, t in types.items() if k in record and not isinstance(record[k], t)]
        return not missing and not wrong

    return validate
''',
'''@total_ordering
class Ranked:
    def __init__(self, title, score=0.0):
        self.title = title
        self.score = score

    def __lt__(self, other):
        return self.score < other.score

    def label(self, width=40):
        text = f"{self.title} ({self.score:.1f})"
        return text[:width]
''',
'''def make_rate_limiter(per_minute):
    allowance = float(per_minute)
    last_check = time.monotonic()

    def allow():
        nonlocal allowance, last_check
        current = time.monotonic()
        allowance = min(per_minute, allowance + (current - last_check) * per_minute / 60)
        last_check = current
        if allowance < 1:
            return False
        allowance -= 1
        return True

    return allow
''',
'''_retry_budget = 100


def spend_retry(cost=1):
    global _retry_budget
    if _retry_budget < cost:
        return False
    remaining = _retry_budget - cost
    _retry_budget = remaining
    return True
''',
'''import click


@click.command()
@click.option("--limit", default=10)
def digest(limit):
    """Print the top ideas of the day."""
    ideas = load_ideas(IDEAS_PATH)
    ranked = sorted(ideas, key=lambda idea: idea["score"], reverse=True)
    for idea in ranked[:limit]:
        click.echo(idea["title"])


def titles_only(ideas):
    """Titles of the ideas, in order."""
    picked = [idea["title"] for idea in ideas]
    return picked
''',
'''def expensive_rows(frame, floor=100.0):
    limit = floor * 1.2
    selected = frame.query("price > @limit")
    ordered = selected.sort_values("price", ascending=False)
    return ordered.head(20)
''',
'''from typing import Iterable, Optional


def first_title(ideas: Iterable[dict], prefix: Optional[str] = None) -> Optional[str]:
    for idea in ideas:
        title = idea.get("title", "")
        if prefix is None or title.startswith(prefix):
            return title
    return None


def count_titled(ideas, minimum=1):
    counted = sum(1 for idea in ideas if len(idea.get("title", "")) >= minimum)
    return counted
''',
'''class Interval:
    """A closed range of scores."""

    def __init__(self, lo, hi):
        self.lo = lo
        self.hi = hi

    def overlaps(self, other: "Interval") -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    def width(self):
        span = self.hi - self.lo
        return max(span, 0)
''',
]
