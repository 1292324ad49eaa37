"""API Gateway's VTL dialect, rewritten into what ``airspeed`` renders the same way.

- A reference with no value renders as an empty string (AWS), not as its own text (plain
  Velocity): every reference in template text becomes a quiet ``$!`` reference.
- ``#set($context.responseOverride.header.X-Name = v)``: Velocity 1.7 names may contain ``-``;
  airspeed's may not, so the last name becomes a map ``put``.
https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html
"""

from __future__ import annotations

import re

_DIRECTIVE = re.compile(r"#(?:set|if|elseif|foreach|macro|define|evaluate|parse|include)\s*\(")
_HYPHEN_SET = re.compile(r"#set\(\s*(\$[A-Za-z_][\w.]*)\.([A-Za-z_][\w]*(?:-[\w]+)+)\s*=\s*")
_DISCARD = "$cognigateDiscarded"


def _closing(text: str, start: int, opening: str = "(", closing: str = ")") -> int:
    """Index of the bracket closing the one opened just before ``start`` (quotes respected)."""
    depth, index, quote = 1, start, ""
    while index < len(text):
        char = text[index]
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == opening:
            depth += 1
        elif char == closing:
            depth -= 1
            if depth == 0:
                return index
        index += 1
    return len(text)


_NAME = re.compile(r"[A-Za-z_]\w*")


def _reference_end(text: str, index: int) -> int:
    """End of the reference whose name starts at ``index`` (after ``$`` or ``$!``)."""
    if text.startswith("{", index):
        return _closing(text, index + 1, "{", "}") + 1
    name = _NAME.match(text, index)
    if name is None:
        return index
    end = name.end()
    while end < len(text):
        char = text[end]
        if char == "(":
            end = _closing(text, end + 1) + 1
        elif char == "[":
            end = _closing(text, end + 1, "[", "]") + 1
        elif char == "." and (member := _NAME.match(text, end + 1)) is not None:
            end = member.end()
        else:
            break
    return end


def _hyphenated_sets(text: str) -> str:
    out: list[str] = []
    position = 0
    for match in _HYPHEN_SET.finditer(text):
        if match.start() < position:
            continue
        end = _closing(text, match.end())
        value = text[match.end() : end]
        target, name = match.group(1), match.group(2)
        out.append(text[position : match.start()])
        out.append(f'#set({_DISCARD} = {target}.put("{name}", {value}))')
        position = end + 1
    out.append(text[position:])
    return "".join(out)


def _skip_comment(text: str, index: int) -> int | None:
    if text.startswith("##", index):
        newline = text.find("\n", index)
        return len(text) if newline < 0 else newline
    if text.startswith("#*", index):
        closing = text.find("*#", index + 2)
        return len(text) if closing < 0 else closing + 2
    return None


def _quiet_references(text: str) -> str:
    out: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        end = None
        if char == "#":
            end = _skip_comment(text, index)
            directive = _DIRECTIVE.match(text, index)
            if end is None and directive is not None:
                end = _closing(text, directive.end()) + 1
        elif char == "$" and not text.startswith("\\", index - 1 if index else index):
            name_at = index + 2 if text.startswith("!", index + 1) else index + 1
            reference_end = _reference_end(text, name_at)
            if reference_end > name_at:
                out.append("$!")
                out.append(text[name_at:reference_end])
                index = reference_end
                continue
        if end is not None:
            out.append(text[index:end])
            index = end
            continue
        out.append(char)
        index += 1
    return "".join(out)


def prepare(source: str) -> str:
    """``source`` in airspeed's terms, rendering as API Gateway renders ``source``."""
    return _quiet_references(_hyphenated_sets(source))
