"""Every word ipplan shows a person, in Chinese and English, from one catalogue.

``text(id, lang, **params)`` formats an entry of the catalogue (:mod:`ipplan.text.catalogue`,
one module per area, and the commands' help in :mod:`ipplan.text.helptexts`). Error and problem
messages are keyed by their stable code, so the code stays the same in both languages while the wording may change.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from typing import Any

from ipplan.text.catalogue import CATALOGUE
from ipplan.text.shown_numbers import exact, number

LANGS = ("zh", "en")
ENV_VAR = "IPPLAN_LANG"


def resolve_lang(lang: str | None, environ: Mapping[str, str] | None = None) -> str:
    """The language asked for by --lang, else $IPPLAN_LANG, else Chinese."""
    env = os.environ if environ is None else environ
    return lang_code(lang) or lang_code(env.get(ENV_VAR)) or "zh"


def lang_code(value: str | None) -> str | None:
    """zh or en from what people write for a language (zh, ZH, zh_CN.UTF-8, en-US); else None."""
    chosen = (value or "").strip().lower()[:3].rstrip("_-.")
    return chosen if chosen in LANGS else None


def text(message_id: str, lang: str, /, **params: Any) -> str:
    """The catalogue entry ``message_id`` in ``lang``, formatted with ``params``."""
    zh, en = CATALOGUE[message_id]
    if lang != "en":
        return zh.format(**params) if params else zh
    said = en.format(**params) if params else en
    return _ONE.sub(r"\1", said) if "1 " in said else said


# English counts: "1 problems" is "1 problem"
_ONE = re.compile(
    r"(?<![\d.,])(1 (?:problem|plan|indicator|actual|item|action update|change|value|row|file|"
    r"action|safeguard|milestone|day|year))s\b"
)


def label(value: str, lang: str) -> str:
    """A status, direction or other enumerated value in words; unknown values as they are."""
    return text(value, lang) if value in CATALOGUE else value


def _range(low: float, high: float | None) -> str:
    return f"{_num(low)}–{_num(high)}" if high is not None else f"≥ {_num(low)}"


def _num(value: float) -> str:
    return exact(value)


# The area whose actions the plan calls safeguards (三、实施保障), counted apart from the actions.
SAFEGUARDS_AREA = "safeguards"


def actions_count(actions: int, safeguards: int, lang: str) -> str:
    """How many actions and safeguards: "15 项行动、3 项保障", "5 actions", "1 safeguard"."""
    parts = []
    if actions or not safeguards:
        parts.append(text("count.action" if actions == 1 else "count.actions", lang, n=actions))
    if safeguards:
        key = "count.safeguard" if safeguards == 1 else "count.safeguards"
        parts.append(text(key, lang, n=safeguards))
    return joined(parts, lang)


def unit_label(unit: str, lang: str, english: str | None = None) -> str:
    """A unit as ``lang`` writes it: 亿元 is "100 million yuan" in English. ``english`` is the
    plan's own English name for it, else the library's (:mod:`ipplan.units`) is used."""
    if lang != "en":
        return unit
    if english:
        return english
    from ipplan.units import LIBRARY

    known = LIBRARY.get(unit)
    return known.name_en if known is not None else unit


# Ways to write a value that ipplan reads, per unit, shown when a value is not understood.
VALUE_FORMS: dict[str, tuple[str, ...]] = {
    "人": ("31347", "31,347", "3.1万"),
    "家": ("578", "1,200", "1.2万"),
    "%": ("80.5", "80.5%"),
    "‰": ("2.6", "2.6‰"),
    "亿元": ("520", "520.5", "520亿", "1.2万亿"),
}
DEFAULT_FORMS = ("31347", "31,347", "80.5")


def value_forms(unit: str) -> tuple[str, ...]:
    """Ways to write a value in ``unit``: the five's own, else as the library's unit is read."""
    from ipplan.units import LIBRARY

    if unit in VALUE_FORMS:
        return VALUE_FORMS[unit]
    known = LIBRARY.get(unit)
    if known is None:
        return DEFAULT_FORMS
    if known.whole:  # counts read 万 and 亿 (typed.SCALES)
        return ("1200", "1,200", "1.2万", f"1200{unit}")
    return ("80.5", f"80.5{unit}")


def colon(lang: str) -> str:
    """What follows a label: a full-width colon in Chinese, a colon and a space in English."""
    return "：" if lang == "zh" else ": "


def joined(items: Any, lang: str) -> str:
    """Items listed as the language lists them: 甲、乙 in Chinese, a, b in English."""
    return text("list.sep", lang).join(str(item) for item in items)


# A message names at most this many files of a list, then says how many more there are.
FILES_NAMED = 10


def some_of(items: Sequence[Any], lang: str) -> str:
    """The first :data:`FILES_NAMED` items, joined, and how many more; — for none."""
    if not items:
        return "—"
    shown = joined(items[:FILES_NAMED], lang)
    more = len(items) - FILES_NAMED
    return shown + text("list.more", lang, count=more) if more > 0 else shown


def named(item: Any, lang: str) -> str:
    """A thing by its name and key, 国际化高端人才（international_talent）; text as it is."""
    if isinstance(item, Mapping):
        name = item["name_en"] if lang == "en" else item["name"]
        return text("named", lang, name=name, key=item["key"])
    return str(item)


def _hint(params: Mapping[str, Any], lang: str, fallback: str | None = None) -> str:
    hints = params.get("suggest") or []
    if hints:
        return text(
            "hint.did_you_mean", lang, choices=joined((named(h, lang) for h in hints), lang)
        )
    if fallback == "known" and params.get("known"):
        return text(
            "hint.known", lang, choices=joined((named(k, lang) for k in params["known"]), lang)
        )
    if fallback is not None and fallback != "known":
        return text(fallback, lang)
    return ""


def _shared(params: Mapping[str, Any]) -> dict[str, Any]:
    """Message values computed the same way for errors and problems."""
    values = dict(params)
    for name in ("value", "other", "kept"):  # a value as typed: 0.00001, never 1e-05 or -0
        if isinstance(values.get(name), float):
            values[name] = exact(values[name])
    if "low" in values:
        values["range"] = _range(values["low"], values.get("high"))
    if "change" in values:  # a relative change and its limit, as percentages
        values["change"] = f"{values['change'] * 100:+.0f}%"
        values["limit"] = f"{values['limit'] * 100:.0f}%"
        for name in ("lowest", "highest", "path"):  # the plausible range, as numbers read
            if isinstance(values.get(name), int | float):
                values[name] = number(values[name])
    elif isinstance(values.get("limit"), int) and values["limit"] >= 10**6:
        values["limit"] = f"{values['limit']:,}"
    return values


# What the system and the YAML parser say, in English, told in Chinese: the detail of a problem
# is read by the same people as the rest of the message.
_DETAILS_ZH = {
    "No such file or directory": "文件不存在",
    "Permission denied": "没有权限",
    "Is a directory": "这是一个目录",
    "Not a directory": "不是目录",
    "No space left on device": "磁盘已满",
    "Read-only file system": "文件系统只读",
    "File exists": "文件已存在",
    "Too many levels of symbolic links": "符号链接层数过多",
    "Disk quota exceeded": "超出磁盘配额",
    "mapping values are not allowed here": "此处不能有“键: 值”；常见原因是冒号后缺空格、缩进不齐，或文本中的冒号没有加引号",
    "mapping values are not allowed in this context": "此处不能有“键: 值”；常见原因是冒号后缺空格、缩进不齐，或文本中的冒号没有加引号",
    "could not find expected ':'": "找不到应有的冒号“:”；是否漏了冒号，或多行文本没有加引号？",
    "found unexpected end of stream": "文件意外结束；引号或括号是否没有闭合？",
    "found undefined alias": "使用了未定义的别名（*名称）",
    "found unexpected ':'": "出现了意外的冒号；文本中的冒号请加引号",
    "did not find expected key": "找不到应有的键；缩进是否不齐？",
    "did not find expected node content": "找不到应有的内容；缩进或符号是否有误？",
    "expected <block end>, but found '<block mapping start>'": "缩进不一致",
    "expected <block end>, but found '<block sequence start>'": "缩进不一致",
    "expected <block end>, but found '-'": "列表项“-”的缩进与上文不一致",
    "expected <block end>, but found '<scalar>'": "缩进不一致，或文本中的特殊字符没有加引号",
    "found character that cannot start any token": "含有不能作为开头的字符（如 @ 或 `）；请给文本加引号",
    "special characters are not allowed": "含有 YAML 不允许的特殊字符",
}


def _detail(values: dict[str, Any], lang: str) -> None:
    detail = values.get("detail")
    if lang == "zh" and isinstance(detail, str):
        values["detail"] = _DETAILS_ZH.get(detail.strip(), detail)


def _listed(values: dict[str, Any], lang: str) -> dict[str, Any]:
    """Lists of names (the columns a file has, those it lacks) as one phrase of the language."""
    _detail(values, lang)
    for name in ("missing", "has", "columns", "formats", "sheets", "plans"):
        if isinstance(values.get(name), list):
            shown = [str(item) or '""' for item in values[name]] or ["—"]
            values[name] = (", " if lang == "en" else "、").join(shown)
    return values


def error_message(message_id: str, params: Mapping[str, Any], lang: str) -> str:
    """The message of a domain error."""
    values = _listed(_shared(params), lang)
    if message_id == "lock-not-a-file":
        values["kind"] = text(f"lockkind.{params.get('kind')}", lang)
    if message_id in ("lock-lost-midway", "write-stopped-midway"):
        written, pending = list(params.get("written", ())), list(params.get("pending", ()))
        values.update(done=len(written), total=len(written) + len(pending))
        values.update(written=some_of(written, lang), pending=some_of(pending, lang))
        then = params.get("then")
        values["then"] = text(f"midway.{then}", lang) if then else ""
    if message_id in ("data-invalid", "import-refused"):
        # the problems are listed above the message, or beside it in a JSON error
        values["where"] = text(f"problems.where.{'json' if params.get('json') else 'above'}", lang)
        values["them"] = "it" if params.get("count") == 1 else "them"
    if message_id == "import-not-a-regular-file" and f"filekind.{params.get('kind')}" in CATALOGUE:
        values["kind"] = text(f"filekind.{params.get('kind')}", lang)
    if message_id == "site-manifest-broken" and params.get("entry"):
        message_id = "site-manifest-entry"
    if message_id == "unsafe-shared-directory" and params.get("above"):
        message_id = "unsafe-above-shared-directory"
    if message_id in ("unsafe-owner", "unsafe-shared-directory", "unsafe-above-shared-directory"):
        values["what"] = text(f"unsafe.{params.get('kind')}", lang, path=values.get("found"))
    if message_id in ("number-precision", "number-too-large"):
        prefix = "typed." if params.get("typed") else ""
        kept = str(params.get("kept"))
        kept = kept.removesuffix(".0")  # 36000.0 is meant as 36000
        return text(f"{prefix}{message_id}", lang, text=values.get("text"), kept=kept)
    if message_id in ("number-form", "number-base") and params.get("typed"):
        # typed on the command line or in a CSV cell: no talk of YAML, only what to write
        reading = params.get("yaml12")
        if not isinstance(reading, int | float):  # 1:20 is no number one would mean
            return text("typed.not-decimal", lang, text=values.get("text"))
        return text(f"typed.{message_id}", lang, text=values.get("text"), plain=_num(reading))
    if message_id in ("number-form", "number-base"):
        for version in ("yaml11", "yaml12"):  # a number, or None for text
            reading = values.get(version)
            values[version] = text("number.text", lang) if reading is None else _num(reading)
    if "name" in params and "name_en" in params:
        # a sentence names the indicator; keys are for tables, JSON and commands
        values["key"] = params["name_en"] if lang == "en" else params["name"]
    if isinstance(params.get("unit"), str):
        values["unit"] = unit_label(params["unit"], lang)
    if (
        message_id in ("unknown-indicator", "unknown-action")
        and not str(params.get("ref", "")).strip()
    ):
        what = "indicator" if message_id == "unknown-indicator" else "action"
        values["ref"] = text(f"empty.{what}", lang)
    if message_id == "unknown-indicator":
        values["hint"] = _hint(params, lang, "known")
    elif message_id == "unknown-action":
        values["hint"] = _hint(params, lang, "hint.actions")
    elif message_id == "unknown-item":
        values["hint"] = _hint(params, lang, "hint.items")
    elif message_id == "unknown-unit":
        known = params.get("known") or []
        values["hint"] = (
            _hint(params, lang)
            if params.get("suggest")
            else text("hint.units", lang, choices="、".join(known[:12]))
            if known
            else ""
        )
    elif message_id == "item-closed":
        values["state"] = text(f"wp.{params['state']}", lang)
    elif message_id == "unknown-workplan":
        values["known"] = ", ".join(str(y) for y in params.get("known", [])) or "—"
    elif message_id == "output-not-a-file":
        values["kind"] = text(f"kind.{params.get('kind', 'other')}", lang)
    elif message_id == "unknown-area":
        values["choices"] = joined((named(k, lang) for k in params.get("known", [])), lang)
    elif message_id == "unknown-plan":
        hint = _hint(params, lang) or text(
            "hint.known_plans", lang, choices=", ".join(params.get("known", []))
        )
        values["hint"] = f"（{hint}）" if hint and lang != "en" else f" ({hint})" if hint else ""
    elif message_id == "unknown-reference":
        hint = _hint(params, lang)
        values["hint"] = f"（{hint}）" if hint and lang != "en" else f" ({hint})" if hint else ""
    elif message_id in ("ambiguous-indicator", "ambiguous-action", "ambiguous-area"):
        values["choices"] = joined((named(c, lang) for c in params["candidates"]), lang)
    elif message_id == "not-a-number":
        forms = value_forms(params.get("unit") or "")
        values["forms"] = joined(forms, lang)
        message_id = f"not-a-number.{params.get('reason') or 'format'}"
    return text(message_id, lang, **values)


# The rule behind each id pattern of the models, for the invalid-id message.
ID_RULES = {
    r"^[a-z][a-z0-9_]*$": "idrule.key",
    r"^[a-z][a-z0-9-]*$": "idrule.slug",
    r"^[a-z][a-z0-9_-]*$": "idrule.item",
}


def problem_message(code: str, params: Mapping[str, Any], lang: str) -> str:
    """The message of a validation problem."""
    values = _listed(_shared(params), lang)
    if code == "ambiguous-name":
        values["why"] = text(f"why.{params.get('reason')}", lang, other=params.get("other"))
    if code == "unmerged":
        values["how"] = text(f"unmerged.{params.get('how')}", lang)
    if code == "invalid-id":
        pattern = str(params.get("pattern", ""))
        values["rule"] = text(ID_RULES.get(pattern, "idrule.pattern"), lang, pattern=pattern)
    if "name" in params and "name_en" in params:
        values["key"] = params["name_en"] if lang == "en" else params["name"]
    if "expected" in values and f"expected.{values['expected']}" in CATALOGUE:
        values["expected"] = text(f"expected.{values['expected']}", lang)
    if code in (
        "unknown-indicator",
        "unknown-action",
        "unknown-item",
        "unknown-unit",
        "unknown-field",
        "unknown-parent",
        "unknown-rollup-plan",
        "unknown-rollup-indicator",
    ):
        hint = _hint(params, lang)
        values["hint"] = (f"（{hint}）" if lang == "zh" else f" ({hint})") if hint else ""
    if isinstance(values.get("kind"), str) and f"filekind.{values['kind']}" in CATALOGUE:
        values["kind"] = text(f"filekind.{values['kind']}", lang)
    if "known" in values and isinstance(values["known"], list):
        values["known"] = joined((named(k, lang) for k in values["known"]), lang)
    key = f"p.{code}"
    if code == "directory-outside-workspace" and "target" in params:
        key = "directory-outside-workspace.link"
    if code == "control-character" and "field" in params:
        return error_message(code, params, lang)  # typed text (an import's cell), not a file
    if key not in CATALOGUE and code in CATALOGUE:
        return error_message(code, params, lang)  # a domain error found at a line of a file
    if key not in CATALOGUE:
        key = "p.fallback"
    try:
        return text(key, lang, **values)
    except KeyError:
        return str(values.get("detail", code))
