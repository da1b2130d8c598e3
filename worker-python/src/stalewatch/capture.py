"""Capturing a stage's code the way the original single-process plan did.

The stage's *source* is the module-level function ``_stage_<stage>`` of the handler's module when
there is one, else the handler itself. Its *deps* are the entries of ``VERSION_DEPS[stage]`` in
that module: callables become code deps, strings (and other plain values) text deps. The version
hash is stalewatch-sha256-v1 over exactly what is captured, so what Stalewatch stores as the
snapshot is what was hashed.
"""
from __future__ import annotations

import functools
import hashlib
import importlib
import inspect
import json
import logging
import re
import sys
import types
from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

from .hashing import stalewatch_sha256_v1

log = logging.getLogger("stalewatch")

LANGUAGE = "python"
PLACEHOLDER_PREFIX = "# source unavailable for "
"""Start of the text captured for code whose source cannot be read (builtins, C code, the REPL)."""

ModuleLike = Union[types.ModuleType, str, None]


@dataclass(frozen=True)
class Source:
    """The stage function's name and full source text."""

    name: str
    text: str

    def as_dict(self) -> Dict[str, str]:
        """``{"name", "text"}`` as in VersionObserved."""
        return {"name": self.name, "text": self.text}


@dataclass(frozen=True)
class Dep:
    """One declared input of the stage besides its own code.

    ``kind`` is ``"code"`` (helper code, with a ``language``) or ``"text"`` (prompts, model names,
    constants; ``language`` is None).
    """

    name: str
    kind: str
    text: str
    language: Optional[str] = None

    def __post_init__(self) -> None:
        if self.kind not in ("code", "text"):
            raise ValueError(f"dep {self.name!r}: kind must be 'code' or 'text', was {self.kind!r}")
        if self.kind == "code" and not self.language:
            raise ValueError(f"dep {self.name!r}: a code dep needs a language")

    @classmethod
    def code(cls, name: str, text: str, language: str = LANGUAGE) -> "Dep":
        """A code dep."""
        return cls(name=name, kind="code", text=text, language=language)

    @classmethod
    def of_text(cls, name: str, text: str) -> "Dep":
        """A text dep."""
        return cls(name=name, kind="text", text=text)

    def as_dict(self) -> Dict[str, str]:
        """The dep as in VersionObserved's ``deps`` (``language`` only for code deps)."""
        out = {"name": self.name, "kind": self.kind}
        if self.language is not None:
            out["language"] = self.language
        out["text"] = self.text
        return out


@dataclass(frozen=True)
class Capture:
    """A stage's language, source and deps, and their stalewatch-sha256-v1 ``version_hash``.

    ``unavailable`` names the pieces whose source could not be read and that were captured as a
    placeholder comment instead (see :attr:`complete`). Deps keep the declared order; the hash does
    not depend on it. Dep names must be unique (``ValueError`` otherwise).
    """

    language: str
    source: Source
    deps: Tuple[Dep, ...] = ()
    unavailable: Tuple[str, ...] = ()
    version_hash: str = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "deps", tuple(self.deps))
        object.__setattr__(self, "unavailable", tuple(self.unavailable))
        seen = set()
        for dep in self.deps:
            if dep.name in seen:
                raise ValueError(f"dep names must be unique: {dep.name!r} appears twice")
            seen.add(dep.name)
        object.__setattr__(self, "version_hash", stalewatch_sha256_v1(
            self.language, self.source.as_dict(), [d.as_dict() for d in self.deps]))

    @property
    def complete(self) -> bool:
        """False when some source could not be read: then a change to that code does not change the
        hash, and Stalewatch cannot see it. Report such a stage only if you accept that."""
        return not self.unavailable

    def as_dicts(self) -> Dict[str, Any]:
        """``{"language", "source", "deps"}`` as in VersionObserved (and as the hash cases are shaped)."""
        return {"language": self.language, "source": self.source.as_dict(),
                "deps": [d.as_dict() for d in self.deps]}

    def to_json(self, **kwargs: Any) -> str:
        """:meth:`as_dicts` plus ``versionHash`` and ``hashAlgorithm`` as JSON text."""
        data = self.as_dicts()
        data["versionHash"] = self.version_hash
        data["hashAlgorithm"] = "stalewatch-sha256-v1"
        kwargs.setdefault("ensure_ascii", False)
        return json.dumps(data, **kwargs)

    @classmethod
    def from_dicts(cls, data: Mapping[str, Any]) -> "Capture":
        """The inverse of :meth:`as_dicts` (extra keys such as ``versionHash`` are ignored)."""
        source = data["source"]
        deps = tuple(Dep(name=d["name"], kind=d["kind"], text=d["text"], language=d.get("language"))
                     for d in data.get("deps") or ())
        return cls(language=data["language"], source=Source(source["name"], source["text"]), deps=deps)


# --- finding the code -------------------------------------------------------------------------

def _find_stage_func(module: Optional[types.ModuleType], stage: str) -> Optional[Any]:
    """The module-level callable ``_stage_<stage>`` (``-`` and ``.`` in the stage read as ``_``)."""
    if module is None:
        return None
    names = [f"_stage_{stage}", "_stage_" + re.sub(r"[^0-9A-Za-z_]", "_", stage)]
    for name in names:
        candidate = getattr(module, name, None)
        if candidate is not None and callable(candidate):
            return candidate
    return None


def _resolve_module(module: ModuleLike) -> Optional[types.ModuleType]:
    if module is None or isinstance(module, types.ModuleType):
        return module
    if isinstance(module, str):
        return sys.modules.get(module) or importlib.import_module(module)
    raise TypeError(f"module must be a module, a module name or None, not {type(module).__name__}")


def _unwrap_partial(obj: Any) -> Tuple[Any, List[functools.partial]]:
    layers: List[functools.partial] = []
    while isinstance(obj, functools.partial):
        layers.append(obj)
        obj = obj.func
    return obj, layers


def _code_target(obj: Any) -> Any:
    """What :func:`inspect.getsource` should read for ``obj`` (functions, methods, classes, modules,
    callable instances: their class)."""
    if inspect.ismethod(obj):
        return obj.__func__
    if (inspect.isfunction(obj) or inspect.isclass(obj) or inspect.ismodule(obj)
            or inspect.isbuiltin(obj) or inspect.isroutine(obj)):
        return obj
    if callable(obj):
        return type(obj)
    return obj


def _module_of(obj: Any) -> Optional[types.ModuleType]:
    inner, _ = _unwrap_partial(obj)
    return inspect.getmodule(_code_target(inner))


def _qualname(obj: Any) -> str:
    if inspect.ismodule(obj):
        return obj.__name__
    for attr in ("__qualname__", "__name__"):
        value = getattr(obj, attr, None)
        if isinstance(value, str) and value:
            return value
    return type(obj).__qualname__


def _attribute_names(module: Optional[types.ModuleType], value: Any) -> List[str]:
    """Module attributes that hold exactly this object, best first: public, then UPPER_CASE, then
    alphabetical (dunder names and VERSION_DEPS are never candidates)."""
    if module is None:
        return []
    names = [k for k, v in vars(module).items()
             if v is value and not (k.startswith("__") and k.endswith("__")) and k != "VERSION_DEPS"]
    return sorted(names, key=lambda k: (k.startswith("_"), not k.isupper(), k))


def _source_of(target: Any, name: str) -> Tuple[str, bool]:
    try:
        return inspect.getsource(target), True
    except Exception:  # OSError, TypeError and friends: builtins, C code, the REPL, exec'd code
        return f"{PLACEHOLDER_PREFIX}{name}", False


def _describe_code(obj: Any, module: Optional[types.ModuleType]) -> Tuple[str, str, bool, List[Dep]]:
    """(name, source text, source available, extra deps) of a callable or module.

    A ``functools.partial`` is the code of the function it wraps plus a text dep
    ``<name>:partial`` holding the bound arguments (their ``repr``), so that changing them changes
    the hash.
    """
    inner, layers = _unwrap_partial(obj)
    target = _code_target(inner)
    name = _qualname(target)
    if "<lambda>" in name:
        holders = _attribute_names(module or inspect.getmodule(target), inner)
        if holders:
            name = holders[0]
    text, available = _source_of(target, name)
    extra: List[Dep] = []
    if layers:
        lines = []
        for layer in reversed(layers):  # innermost first: the order the arguments are applied
            keywords = ", ".join(f"{k}={v!r}" for k, v in sorted(layer.keywords.items()))
            lines.append(f"functools.partial(args={layer.args!r}, keywords={{{keywords}}})")
        extra.append(Dep.of_text(f"{name}:partial", "\n".join(lines)))
    return name, text, available, extra


def _short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def _entries(value: Any) -> List[Tuple[Optional[str], Any]]:
    """(explicit name or None, value) for each entry of ``VERSION_DEPS[stage]``."""
    if value is None:
        return []
    if isinstance(value, Mapping):
        return [(str(k), v) for k, v in value.items()]
    if isinstance(value, (str, bytes)) or callable(value) or inspect.ismodule(value):
        return [(None, value)]
    try:
        return [(None, v) for v in value]
    except TypeError:
        return [(None, value)]


class _DepList:
    """Deps in declared order with unique names: an exact repeat is dropped, a clash renamed."""

    def __init__(self) -> None:
        self.deps: List[Dep] = []
        self._by_name: Dict[str, Dep] = {}

    def add(self, dep: Dep, alternatives: Sequence[str] = ()) -> None:
        """Adds ``dep``; on a name clash the first free of ``alternatives``, else ``name~2``, ``~3``..."""
        existing = self._by_name.get(dep.name)
        if existing is not None and existing == dep:
            return
        name = dep.name
        if existing is not None:
            for alternative in alternatives:
                if alternative not in self._by_name:
                    name = alternative
                    break
            n = 2
            while name in self._by_name:
                name = f"{dep.name}~{n}"
                n += 1
            log.debug("stalewatch: dep name %r is taken; captured as %r", dep.name, name)
            dep = Dep(name=name, kind=dep.kind, text=dep.text, language=dep.language)
        self.deps.append(dep)
        self._by_name[name] = dep


def capture(handler: Any, stage: str, *, module: ModuleLike = None) -> Capture:
    """Captures the stage's source and deps and computes their stalewatch-sha256-v1 hash.

    ``handler`` is what the pipeline calls for the stage: a function, lambda, bound method,
    ``functools.partial``, class or callable instance. ``module`` (a module or module name) is where
    to look for ``_stage_<stage>`` and ``VERSION_DEPS``; by default the module the handler's code
    comes from.

    Source: ``_stage_<stage>`` of the module if it is there, else the handler: a function's or
    method's own source, a class's (or a callable instance's class's) whole source, a partial's
    wrapped function plus a ``<name>:partial`` text dep with its bound arguments.

    Deps: each entry of ``VERSION_DEPS[stage]`` (a list; a single entry is taken as a list of one;
    a dict maps explicit dep names to entries):

    * callables (functions, classes, methods, partials) and modules become code deps named by
      qualified name (``module.qualname`` if two deps would share a name), text = their source;
    * strings become text deps named by the module attribute that holds that very string object,
      else ``text:<first 8 hex of its sha256>``;
    * any other value (numbers, tuples, dicts...) becomes a text dep of its ``repr``, named the same
      way (``value:<8 hex>`` when no attribute holds it).

    Code whose source cannot be read (builtins, C functions, the REPL) is captured as
    ``# source unavailable for <qualname>`` and listed in :attr:`Capture.unavailable`; a warning is
    logged. Never raises for unreadable source.
    """
    if not isinstance(stage, str) or not stage:
        raise ValueError("stage must be a non-empty string")
    mod = _resolve_module(module) if module is not None else _module_of(handler)
    target = _find_stage_func(mod, stage) or handler
    unavailable: List[str] = []
    deps = _DepList()

    name, text, available, extra = _describe_code(target, mod)
    if not available:
        unavailable.append(name)
    for dep in extra:
        deps.add(dep)

    version_deps = getattr(mod, "VERSION_DEPS", None) if mod is not None else None
    entries: List[Tuple[Optional[str], Any]] = []
    if isinstance(version_deps, Mapping):
        entries = _entries(version_deps.get(stage))
    for explicit, entry in entries:
        if isinstance(entry, str):
            holders = _attribute_names(mod, entry)
            dep_name = explicit or (holders[0] if holders else f"text:{_short_hash(entry)}")
            deps.add(Dep.of_text(dep_name, entry))
        elif callable(entry) or inspect.ismodule(entry):
            dep_name, dep_text, dep_available, dep_extra = _describe_code(entry, mod)
            if not dep_available:
                unavailable.append(dep_name)
            home = inspect.getmodule(_code_target(_unwrap_partial(entry)[0]))
            qualified = f"{getattr(home, '__name__', '?')}.{dep_name}"
            deps.add(Dep.code(explicit or dep_name, dep_text), alternatives=(qualified,))
            for dep in dep_extra:
                deps.add(dep)
        else:
            text_of_value = repr(entry)
            holders = _attribute_names(mod, entry)
            dep_name = explicit or (holders[0] if holders else f"value:{_short_hash(text_of_value)}")
            deps.add(Dep.of_text(dep_name, text_of_value))

    if unavailable:
        log.warning("stalewatch: no source for %s of stage %s; captured a placeholder, so changes to it "
                    "will not change the version hash", ", ".join(unavailable), stage)
    return Capture(language=LANGUAGE, source=Source(name, text), deps=tuple(deps.deps),
                   unavailable=tuple(unavailable))
