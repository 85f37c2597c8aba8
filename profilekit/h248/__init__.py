"""H.248.1 text encoding: a parser of whole messages and of the fragments profile examples show, completed
into whole messages, and the SDP inside Local and Remote descriptors. Pure Python, no start-up cost."""

from __future__ import annotations

import re
from dataclasses import dataclass

from profilekit.h248.lexer import skip_space
from profilekit.h248.nodes import Message, Node
from profilekit.h248.parser import ParseError, Parser
from profilekit.h248.sdp import Sdp, parse_sdp
from profilekit.h248.tokens import COMMANDS, keyword

__all__ = ["Completed", "H248Problem", "Message", "Node", "ParseError", "Sdp", "complete", "line_col",
           "parse_example", "parse_message", "reindent", "sdp_blocks", "split_messages"]

DEFAULT_MID = "[192.0.2.1]:2944"
"""The mId put in the header of a completed fragment (an RFC 5737 documentation address)."""


@dataclass(frozen=True, slots=True)
class H248Problem:
    """A problem at `offset` of the text as written (an example, or a message file)."""

    offset: int
    message: str
    kind: str
    """`syntax` (not H.248 text) or `sdp` (invalid SDP in a Local/Remote descriptor)."""
    found: str = ""


@dataclass(slots=True)
class Completed:
    """An example as a whole message: the text with what was added, and how."""

    text: str
    """The whole message: added header, transaction and context around the example as written."""
    offset: int
    """Where the example starts in `text`."""
    completion: str
    """What was added, in words (empty for a whole message)."""
    message: Message | None = None
    problems: tuple[H248Problem, ...] = ()


def parse_message(text: str) -> Message:
    """A whole message (`MEGACO/3 [192.0.2.1]:2944 Transaction = 1 { … }`); raises ParseError."""
    return Parser(text).parse_message()


def _first_word(text: str) -> str:
    start = skip_space(text, 0)
    match = re.match(r"[A-Za-z0-9!/\-]+", text[start:])
    return match.group(0) if match else ""


def complete(text: str, *, reply: bool = False, version: int = 3, mid: str = DEFAULT_MID) -> Completed:
    """Wrap a fragment as editors write it (a command, a context, a transaction) into a whole message.

    The fragment is kept as written, so offsets into it map back by subtracting `offset`. A command request
    goes into `Context = $` when it is an Add (the MG creates the context) and `Context = -` otherwise; a
    command reply into `Context = -`; both into transaction 1.
    """
    first = _first_word(text)
    header = f"MEGACO/{version} {mid}\n"
    bare = first
    while bare[:2].lower() in ("o-", "w-"):
        bare = bare[2:]
    found = keyword(bare, version)
    name = found.name if found is not None else ""
    if re.match(r"^(MEGACO|!)/", first, re.IGNORECASE) or name == "Authentication":
        return Completed(text=text, offset=0, completion="")
    if name in ("Transaction", "Reply", "Pending", "TransactionResponseAck", "Segment"):
        return Completed(text=header + text if text.endswith("\n") else f"{header}{text}\n", offset=len(header),
                         completion=f"added the message header `{header.strip()}`")
    text = text.rstrip("\n")  # the line break a YAML block scalar ends with
    transaction = "Reply = 1" if reply else "Transaction = 1"
    if name == "Context":
        prefix = f"{header}{transaction} {{\n"
        return Completed(text=f"{prefix}{text}\n}}\n", offset=len(prefix),
                         completion=f"added the message header `{header.strip()}` and `{transaction} {{ … }}`")
    context = "$" if name == "Add" and not reply else "-"
    prefix = f"{header}{transaction} {{ Context = {context} {{\n"
    return Completed(text=f"{prefix}{text}\n}} }}\n", offset=len(prefix),
                     completion=f"added the message header `{header.strip()}`, `{transaction} {{ … }}` and "
                                f"`Context = {context} {{ … }}`")


def parse_example(text: str, *, reply: bool = False, version: int = 3) -> Completed:
    """Complete and parse a profile example; problems carry offsets into `text` as written."""
    done = complete(text, reply=reply, version=version)
    if skip_space(text, 0) >= len(text):
        done.problems = (H248Problem(0, "there is no H.248 text here, only blanks and comments", "syntax"),)
        return done
    try:
        message = Parser(done.text).parse_message()
    except ParseError as error:
        offset = min(max(error.offset - done.offset, 0), len(text))
        done.problems = (H248Problem(offset, error.message, "syntax", error.found),)
        return done
    done.message = message
    problems = [H248Problem(sdp_offset - done.offset, message_, "sdp")
                for sdp_offset, message_ in sdp_problems(message)]
    done.problems = tuple(p for p in problems if p.offset >= 0)
    return done


def sdp_blocks(message: Message) -> list[tuple[Node, Sdp]]:
    """Every Local and Remote descriptor of the message with its SDP."""
    return [(node, parse_sdp(node.text or "")) for node in message.walk()
            if node.kind in ("Local", "Remote") and node.text is not None]


def sdp_problems(message: Message) -> list[tuple[int, str]]:
    """(offset in the message text, message) for every SDP problem in the message's Local/Remote."""
    out: list[tuple[int, str]] = []
    for node, sdp in sdp_blocks(message):
        for issue in sdp.issues:
            out.append((node.text_start + issue.offset, f"SDP in {node.kind}: {issue.message}"))
    return out


def split_messages(text: str) -> list[tuple[int, str]]:
    """The messages of a file that holds one or more (each starts with `MEGACO/` or `!/`), with offsets."""
    starts = [m.start() for m in re.finditer(r"(?im)^[ \t]*(?:MEGACO|!)/[0-9]", text)]
    if not starts:
        return [(0, text)]
    if skip_space(text, 0) >= starts[0]:
        starts[0] = 0  # white space and comments before the first header belong to it
    else:
        starts = [0, *starts]
    ends = [*starts[1:], len(text)]
    return [(s, text[s:e]) for s, e in zip(starts, ends, strict=True)]


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of `offset` in `text`."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


COMMAND_TOKENS = COMMANDS


def reindent(text: str, *, step: int = 2) -> str:
    """`text` with each line indented one level (`step` spaces) per earlier line whose braces are still open,
    lines inside Local/Remote and DigitMap octet strings (SDP) left as written, trailing blanks removed.
    Text that does not parse (as a whole message or as a fragment) is returned unchanged."""
    done = parse_example(text)
    if done.message is None:
        done = parse_example(text, reply=True)
    if done.message is None:
        return text
    raw = {n.text_start - done.offset: n.text_start - done.offset + len(n.text or "")
           for n in done.message.walk() if n.text is not None and n.text_start >= done.offset}
    out = []
    opened: list[int] = []  # for each open brace, the line that opened it
    offset = 0
    for number, line in enumerate(text.split("\n")):
        inside = any(start <= offset < end for start, end in raw.items())
        stripped = line.strip()
        closers = _leading_closers(stripped)
        if inside and not (stripped.startswith("}") and offset + line.index("}") in raw.values()):
            out.append(line.rstrip())
        elif stripped:
            still = opened[:len(opened) - closers] if closers else opened
            out.append(" " * (step * len(set(still))) + stripped)
        else:
            out.append("")
        _track(text, offset, offset + len(line), number, opened, raw)
        offset += len(line) + 1
    return "\n".join(out)


def _leading_closers(stripped: str) -> int:
    count = 0
    for char in stripped:
        if char == "}":
            count += 1
        elif char not in " \t":
            break
    return count


def _track(text: str, start: int, end: int, number: int, opened: list[int], raw: dict[int, int]) -> None:
    """Push the braces the line opens and pop those it closes, skipping strings, comments and octet strings."""
    i = start
    while i < end:
        if any(s <= i < e for s, e in raw.items()):
            i = next(e for s, e in raw.items() if s <= i < e)
            continue
        char = text[i]
        if char == '"':
            close = text.find('"', i + 1)
            i = end if close < 0 else close + 1
            continue
        if char == ";":
            return
        if char == "{":
            opened.append(number)
        elif char == "}" and opened:
            opened.pop()
        i += 1
