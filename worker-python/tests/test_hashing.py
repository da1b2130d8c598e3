"""stalewatch-sha256-v1 against docs/workers.md's frozen vectors and the repository's other copy."""
import json
import os
import random
import subprocess
import sys

import pytest

from stalewatch import hashing, stalewatch_sha256_v1

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GUIDE = os.path.join(REPO, "docs", "workers.md")


def test_frozen_vector_minimal_python_source():
    assert stalewatch_sha256_v1("python", {"name": "f", "text": "def f(): pass"}, []) == \
        "7c157e2f8b89d55fee52f99ee8f60510075f4204250fe6c5eed99ced77ead199"


def test_frozen_vector_empty_sql_source():
    assert stalewatch_sha256_v1("sql", {"name": "q", "text": ""}, []) == \
        "bd69d9d522f1c3a669818a31f9abf96e5ad680b796e58f309137cd4e71b8141f"


def test_frozen_vector_unicode_named_deps_in_code_point_order():
    names = ["\ue000", "\U0001F600", "\u00e9", "B", "a"]
    deps = [{"name": n, "kind": "text", "text": n + "!"} for n in names]
    expected = "f7aa5f8c189fac5fdfc364effd999127aa8fdc1cf0e774c6437dd02d6b96945e"
    assert stalewatch_sha256_v1("python", {"name": "f", "text": "pass"}, deps) == expected
    random.Random(1).shuffle(deps)
    assert stalewatch_sha256_v1("python", {"name": "f", "text": "pass"}, deps) == expected


def test_length_prefixes_keep_fields_apart():
    assert stalewatch_sha256_v1("python", {"name": "ab", "text": "c"}, []) != \
        stalewatch_sha256_v1("python", {"name": "a", "text": "bc"}, [])
    assert stalewatch_sha256_v1("python", {"name": "f", "text": "x"}, [{"name": "d", "kind": "code", "language": None, "text": "1"}]) == \
        stalewatch_sha256_v1("python", {"name": "f", "text": "x"}, [{"name": "d", "kind": "code", "text": "1"}])


def test_unpaired_surrogate_is_refused():
    with pytest.raises(UnicodeEncodeError):
        stalewatch_sha256_v1("python", {"name": "f", "text": "\ud800"}, [])


def _random_cases(seed=20261127, count=40):
    rng = random.Random(seed)
    alphabet = ["a", "Z", "\n", '"', "\\", "\u00e9", "\u20ac", "\u4e2d", "\ue000", "\U0001F600", "\U0010FFFF"]

    def text(n):
        return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, n)))

    cases = []
    for _ in range(count):
        deps = []
        for i in range(rng.randint(0, 5)):
            if rng.random() < 0.5:
                deps.append({"name": f"dep{i}{text(3)}", "kind": "code", "language": "python", "text": text(200)})
            else:
                deps.append({"name": f"dep{i}{text(3)}", "kind": "text", "text": text(200)})
        cases.append({"language": "python", "source": {"name": text(10), "text": text(2000)}, "deps": deps})
    return cases


def _reference_block(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    begin, end = "# --- reference begin ---\n", "# --- reference end ---"
    return text[text.index(begin) + len(begin):text.index(end)]


@pytest.mark.skipif(not os.path.isfile(GUIDE), reason="not inside the Stalewatch repository")
def test_the_guide_quotes_this_implementation_verbatim():
    block = _reference_block(hashing.__file__)
    with open(GUIDE, encoding="utf-8") as f:
        assert block in f.read()


def test_the_module_runs_alone_like_the_java_cross_check_script():
    cases = _random_cases(count=5)
    out = subprocess.run([sys.executable, hashing.__file__], input=json.dumps(cases).encode("utf-8"),
                         capture_output=True, check=True, timeout=60)
    assert out.stdout.decode().split() == hashing.hash_cases(cases)
