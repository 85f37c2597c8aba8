"""A recursive-descent parser of H.248.1 text encoding (Annex B), pretty and compact forms, versions 1-3.

Hand-written rather than generated from the ABNF with a parsing library: the grammar is keyword-driven and
LL(1) almost everywhere, the octet strings of Local/Remote/DigitMap need a raw read that grammar-based
lexers handle badly, each production can say in an editor's words what it expected, and nothing is built
at start-up (a whole sample's examples parse in a few milliseconds).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable

from profilekit.h248.lexer import LexError, Token, skip_space, token_at
from profilekit.h248.nodes import Message, Node
from profilekit.h248.tokens import COMMANDS, KEYWORDS, keyword


class ParseError(Exception):
    """The text is not H.248 text encoding: where (offset), what was found and what was expected."""

    def __init__(self, offset: int, message: str, found: str = "") -> None:
        super().__init__(message)
        self.offset = offset
        self.message = message
        self.found = found


MAX_DEPTH = 64
"""Deepest nesting of braces accepted (real messages nest about ten deep; this bounds the recursion)."""

_UINT = re.compile(r"^[0-9]+$")
_TERMINATION_ID = re.compile(r"^(ROOT|\$|\*|\*?[A-Za-z$*][A-Za-z0-9_/*$]*(@[A-Za-z0-9_.\-\[\]:<>]+)?)$",
                             re.IGNORECASE)
_PKGD_NAME = re.compile(r"^([A-Za-z][A-Za-z0-9_]*|\*)/([A-Za-z0-9_][A-Za-z0-9_]*|\*)$")
_TIMESTAMP = re.compile(r"^[0-9]{8}T[0-9]{8}$", re.IGNORECASE)
_HEADER_MID = re.compile(
    r"(\[[0-9A-Fa-f.:]+\]|<[A-Za-z0-9][A-Za-z0-9.\-]{0,63}>)(:[0-9]{1,5})?|MTP\{[0-9A-Fa-f]{4,8}\}|"
    r"[A-Za-z][A-Za-z0-9_/*$]*(@[A-Za-z0-9_.\-]+)?", re.IGNORECASE)
_VERSION = re.compile(r"^(MEGACO|!)/([0-9]{1,2})$", re.IGNORECASE)

AMM_PARAMETERS = ("Media", "Modem", "Mux", "Events", "Signals", "DigitMap", "EventBuffer", "Audit", "Statistics")
AUDIT_RETURN = ("Media", "Modem", "Mux", "Events", "Signals", "DigitMap", "ObservedEvents", "EventBuffer",
                "Statistics", "Packages", "Error")
AUDIT_ITEMS = ("Mux", "Modem", "Media", "Signals", "EventBuffer", "DigitMap", "Statistics", "Events",
               "ObservedEvents", "Packages")
STREAM_PARMS = ("LocalControl", "Local", "Remote", "Statistics")
MODES = ("SendOnly", "ReceiveOnly", "SendReceive", "Inactive", "Loopback")

EXAMPLE = {
    "Transaction": "`Transaction = 1 { Context = $ { Add = … } }`",
    "Reply": "`Reply = 1 { Context = 17 { … } }`",
    "Context": "`Context = 17 { Add = … }`",
    "Pending": "`Pending = 1 { }`",
}


def _names(names: tuple[str, ...]) -> str:
    return ", ".join(KEYWORDS[n].shown if n in KEYWORDS else n for n in names)


class Parser:
    """Parses one text; `parse_message` for a whole message, the other entry points for fragments."""

    def __init__(self, text: str, version: int = 3) -> None:
        self.text = text
        self.version = version
        self.pos = skip_space(text, 0)
        self.last_end = self.pos
        self.depth = 0
        self._peeked: Token | None = None

    # --- tokens ---------------------------------------------------------------------------------------

    def peek(self) -> Token:
        if self._peeked is None:
            try:
                token = token_at(self.text, self.pos)
                # the end of the text is reported just after the last token, not after trailing blank lines
                self._peeked = Token("end", "", self.last_end) if token.kind == "end" else token
            except LexError as error:
                raise ParseError(error.offset, error.message, self.text[error.offset:error.offset + 1]) from None
        return self._peeked

    def take(self) -> Token:
        token = self.peek()
        self._peeked = None
        if token.kind != "end":
            self.last_end = token.end
            self.pos = skip_space(self.text, token.end)
        return token

    def fail(self, token: Token, expected: str, hint: str = "") -> ParseError:
        message = f"expected {expected}, found {token.shown()}"
        return ParseError(token.start, f"{message}; {hint}" if hint else message, token.text)

    def expect(self, kind: str, expected: str, hint: str = "") -> Token:
        token = self.peek()
        if token.kind != kind:
            raise self.fail(token, expected, hint)
        return self.take()

    def accept(self, kind: str) -> Token | None:
        return self.take() if self.peek().kind == kind else None

    def is_kw(self, token: Token, *names: str) -> str | None:
        """The canonical keyword name of `token` if it is one of `names`."""
        if token.kind != "word":
            return None
        found = keyword(token.text, self.version)
        return found.name if found is not None and found.name in names else None

    def word(self, expected: str, hint: str = "") -> Token:
        return self.expect("word", expected, hint)

    def value(self, expected: str = "a value") -> Token:
        token = self.peek()
        if token.kind not in ("word", "string"):
            raise self.fail(token, expected)
        return self.take()

    def node(self, kind: str, token: Token, parent: Node | None) -> Node:
        node = Node(kind=kind, start=token.start, written=token.text, parent=parent)
        if parent is not None:
            parent.children.append(node)
        return node

    def listing(self, item: Callable[[], object], what: str, *, empty: bool = False) -> None:
        """`{ item, item, … }`, the opening brace already taken."""
        if self.depth >= MAX_DEPTH:
            raise ParseError(self.last_end - 1, f"braces nested more than {MAX_DEPTH} deep; no H.248 message "
                                                "nests that far", "{")
        self.depth += 1
        try:
            self._items(item, what, empty=empty)
        finally:
            self.depth -= 1

    def _items(self, item: Callable[[], object], what: str, *, empty: bool) -> None:
        close = self.accept("}")
        if close is not None:
            if not empty:
                raise ParseError(close.start, f"{what} must not be empty: `{{ }}` holds nothing here", "}")
            return
        while True:
            item()
            token = self.peek()
            if token.kind == ",":
                self.take()
                continue
            if token.kind == "}":
                self.take()
                return
            raise self.fail(token, f"`,` or `}}` in {what}",
                            "separate the items with commas and close the braces" if token.kind != "end"
                            else "a closing brace `}` is missing")

    def _next_kind(self) -> str:
        """The kind of the token after the current one (one more token of lookahead)."""
        token = self.peek()
        try:
            return token_at(self.text, skip_space(self.text, token.end)).kind
        except LexError:
            return ""

    def raw_braces(self, what: str) -> tuple[str, int]:
        """The octet string between `{` and its `}` (a `}` inside is escaped as `\\}`), braces taken."""
        brace = self.expect("{", f"`{{` opening {what}")
        start = brace.start + 1
        i = start
        text = self.text
        while i < len(text):
            if text[i] == "\\" and i + 1 < len(text) and text[i + 1] == "}":
                i += 2
                continue
            if text[i] == "}":
                break
            i += 1
        else:
            raise ParseError(brace.start, f"{what} is not closed: a `}}` is missing", "{")
        self._peeked = None
        self.last_end = i + 1
        self.pos = skip_space(text, i + 1)
        return text[start:i], start

    # --- message ----------------------------------------------------------------------------------------

    def parse_message(self) -> Message:
        first = self.peek()
        if self.is_kw(first, "Authentication"):
            self.take()
            self.expect("=", "`=` after Authentication")
            self.word("the security parameter index")
            self.expect(":", "`:`")
            self.word("the sequence number")
            self.expect(":", "`:`")
            self.word("the authentication data")
            first = self.peek()
        match = _VERSION.match(first.text) if first.kind == "word" else None
        if match is None:
            raise self.fail(first, "the message header `MEGACO/3` (or `!/3`)")
        self.take()
        self.version = int(match.group(2))
        if not 1 <= self.version <= 3:
            raise ParseError(first.start, f"H.248.1 version {self.version} does not exist (1, 2 or 3)", first.text)
        mid_start = self.pos
        mid = _HEADER_MID.match(self.text, mid_start)
        if mid is None or (mid.end() < len(self.text) and not self.text[mid.end()].isspace()):
            raise ParseError(mid_start, "expected the sender's mId after the version, e.g. `[192.0.2.1]:2944` "
                                        "or `<mgc.example.net>`", self.text[mid_start:mid_start + 12])
        self.pos = skip_space(self.text, mid.end())
        self.last_end = mid.end()
        self._peeked = None
        body: list[Node] = []
        if self.is_kw(self.peek(), "Error"):
            body.append(self.error_descriptor(None))
        else:
            while self.peek().kind != "end":
                body.append(self.transaction())
            if not body:
                raise self.fail(self.peek(), "a transaction after the message header", EXAMPLE["Transaction"])
        token = self.peek()
        if token.kind != "end":
            raise self.fail(token, "the end of the message")
        return Message(version=self.version, mid=mid.group(0), body=body, text=self.text)

    def end(self) -> None:
        token = self.peek()
        if token.kind != "end":
            raise self.fail(token, "the end of the example", "the text goes on after a complete element "
                                   "(a `}` too many, or a missing comma?)")

    def transaction(self) -> Node:
        token = self.peek()
        name = self.is_kw(token, "Transaction", "Reply", "Pending", "TransactionResponseAck", "Segment")
        if name is None:
            raise self.fail(token, "a transaction (Transaction, Reply, Pending or TransactionResponseAck)",
                            _did_you_mean(token, ("Transaction", "Reply", "Pending", "TransactionResponseAck")))
        self.take()
        node = self.node(name, token, None)
        if name == "TransactionResponseAck":
            self.expect("{", "`{` after TransactionResponseAck")

            def ack() -> None:
                item = self.word("a transaction id or range `1-5`")
                if not re.match(r"^[0-9]+(-[0-9]+)?$", item.text):
                    raise self.fail(item, "a transaction id or range `1-5`")
                self.node("Ack", item, node).name = item.text
            self.listing(ack, "TransactionResponseAck")
            return node
        example = EXAMPLE.get(name, "`Segment = 1/2`")
        self.expect("=", f"`=` and the transaction id after `{token.text}`",
                    f"`{token.text}` needs a transaction id: {example}")
        tid = self.word(f"the transaction id after `{token.text} =`", f"e.g. {example}")
        parts = tid.text.split("/")
        if not _UINT.match(parts[0]) or (name != "Reply" and name != "Segment" and len(parts) > 1):
            raise self.fail(tid, "a transaction id (a number)", f"e.g. {example}")
        node.name, node.name_start = parts[0], tid.start
        if name == "Segment":
            return node
        if name == "Pending":
            self.expect("{", "`{ }` after the transaction id of Pending")
            self.expect("}", "`}`: Pending carries nothing")
            return node
        self.expect("{", f"`{{` after `{token.text} = {tid.text}`", f"e.g. {example}")
        if name == "Transaction":
            self.listing(lambda: self.action_request(node), "the transaction")
        else:
            def reply_item() -> None:
                item = self.peek()
                if self.is_kw(item, "ImmAckRequired"):
                    self.node("ImmAckRequired", self.take(), node)
                elif self.is_kw(item, "Error"):
                    self.error_descriptor(node)
                else:
                    self.action_reply(node)
            self.listing(reply_item, "the reply")
        return node

    # --- contexts ---------------------------------------------------------------------------------------

    def context_header(self, parent: Node | None) -> Node:
        token = self.peek()
        if not self.is_kw(token, "Context"):
            raise self.fail(token, "a context (`Context = …`)", EXAMPLE["Context"])
        self.take()
        node = self.node("Context", token, parent)
        self.expect("=", "`=` and the context id after `Context`", f"e.g. {EXAMPLE['Context']}")
        cid = self.word("a context id (a number, `$`, `*` or `-`)")
        if not (_UINT.match(cid.text) or cid.text in ("$", "*", "-")):
            raise self.fail(cid, "a context id (a number, `$` for a new context, `*` for all, `-` for none)")
        node.name, node.name_start = cid.text, cid.start
        return node

    def action_request(self, parent: Node | None) -> Node:
        node = self.context_header(parent)
        self.expect("{", f"`{{` after `Context = {node.name}`", EXAMPLE["Context"])
        self.listing(lambda: self.context_item(node, request=True), "the context")
        return node

    def action_reply(self, parent: Node | None) -> Node:
        node = self.context_header(parent)
        if self.accept("{"):
            self.listing(lambda: self.context_item(node, request=False), "the context", empty=True)
        return node

    def context_item(self, ctx: Node, *, request: bool) -> None:
        token = self.peek()
        name = self.is_kw(token, "Topology", "Priority", "Emergency", "EmergencyOff", "IEPSCall", "ContextAttr",
                          "ContextAudit", "Error", "ContextList")
        if name is not None:
            self.take()
            node = self.node(name, token, ctx)
            if name == "Error":
                self.take_error(node)
            elif name == "Topology":
                self.expect("{", "`{` after Topology")
                self.listing(lambda: self.topology_item(node), "Topology")
            elif name == "Priority":
                self.expect("=", "`=` after Priority")
                self.uint(node, "a priority (0-15)")
            elif name == "IEPSCall" and self.accept("="):
                self.switch(node)
            elif name in ("ContextAttr", "ContextAudit"):
                self.expect("{", f"`{{` after {token.text}")
                self.listing(lambda: self.loose_item(node), token.text)
            elif name == "ContextList":
                self.expect("=", "`=` after ContextList")
                self.expect("{", "`{`")
                self.listing(lambda: self.node("ContextId", self.word("a context id"), node), "ContextList")
            return
        if token.kind == "word" and _PKGD_NAME.match(token.text) and self.version >= 3:
            self.property(ctx)
            return
        self.command(ctx, request=request)

    def topology_item(self, parent: Node) -> None:
        token = self.word("a termination id or a topology direction")
        node = self.node("TopologyItem", token, parent)
        node.name = token.text
        if self.is_kw(token, "Stream") and self.accept("="):
            self.uint(node, "a stream id")

    # --- commands ---------------------------------------------------------------------------------------

    def command(self, ctx: Node | None, *, request: bool) -> Node:
        token = self.peek()
        text = token.text
        bare = text
        while bare[:2].lower() in ("o-", "w-"):
            bare = bare[2:]
        found = keyword(bare, self.version) if token.kind == "word" else None
        if found is None or found.name not in COMMANDS:
            raise self.fail(token, "a command (" + _names(COMMANDS) + ")", _command_hint(token))
        self.take()
        name = found.name
        node = self.node(name, token, ctx)
        node.written = bare
        self.expect("=", f"`=` and a termination id after `{bare}`", f"e.g. `{bare} = tls/1 {{ … }}`")
        if name in ("AuditValue", "AuditCapability") and not request and self.is_kw(self.peek(), "Context"):
            self.take()
            if self.accept("{"):
                if self.is_kw(self.peek(), "Error"):
                    self.error_descriptor(node)
                    self.expect("}", "`}`")
                else:
                    self.listing(lambda: self.termination_id(node, list_item=True), "the termination list")
            return node
        self.termination_id(node)
        if request:
            self.command_request_body(node)
        else:
            self.command_reply_body(node)
        return node

    def termination_id(self, node: Node, *, list_item: bool = False) -> None:
        tid = self.word("a termination id (e.g. `tls/1`, `ROOT`, `$`, `*`)")
        if not _TERMINATION_ID.match(tid.text):
            raise self.fail(tid, "a termination id (a name starting with a letter, `ROOT`, `$` or `*`)")
        if list_item:
            self.node("TerminationID", tid, node).name = tid.text
        else:
            node.name, node.name_start = tid.text, tid.start

    def command_request_body(self, node: Node) -> None:
        name = node.kind
        required = name in ("AuditValue", "AuditCapability", "Notify", "ServiceChange")
        if self.peek().kind != "{":
            if required:
                raise self.fail(self.peek(), f"`{{` and the descriptors of {name}", {
                    "Notify": "Notify carries an ObservedEvents descriptor: "
                              "`Notify = tls/1 { ObservedEvents = 1 { tlsbsc/term } }`",
                    "ServiceChange": "ServiceChange carries a Services descriptor: "
                                     "`ServiceChange = ROOT { Services { Method = Restart, Reason = 901 } }`",
                }.get(name, f"{name} carries an Audit descriptor: `{node.written} = tls/1 {{ Audit {{ Media }} }}`"))
            return
        self.take()
        allowed: tuple[str, ...] = {
            "Add": AMM_PARAMETERS, "Modify": AMM_PARAMETERS, "Move": AMM_PARAMETERS, "Subtract": ("Audit",),
            "AuditValue": ("Audit",), "AuditCapability": ("Audit",), "Notify": ("ObservedEvents", "Error"),
            "ServiceChange": ("Services", "Audit"),
        }[name]
        self.listing(lambda: self.descriptor(node, allowed), f"{name}")

    def command_reply_body(self, node: Node) -> None:
        if not self.accept("{"):
            return
        allowed: tuple[str, ...] = {"Notify": ("Error",), "ServiceChange": ("Services", "Error")}.get(
            node.kind, AUDIT_RETURN)
        self.listing(lambda: self.descriptor(node, allowed, reply=True), f"the {node.kind} reply")

    def descriptor(self, parent: Node, allowed: tuple[str, ...], *, reply: bool = False) -> None:
        token = self.peek()
        name = self.is_kw(token, *allowed)
        if name is not None and reply and name in AUDIT_ITEMS and self._next_kind() in (",", "}"):
            self.node(name, self.take(), parent)  # an audit item returned empty (auditReturnParameter)
            return
        if name is None and reply and self.is_kw(token, *AUDIT_ITEMS, "TerminationState"):
            name = self.is_kw(token, *AUDIT_ITEMS, "TerminationState")  # empty descriptors in an audit reply
            self.node(name or "", self.take(), parent).kind = name or ""
            return
        if name is None:
            where = f"{parent.kind} {'reply ' if reply else ''}"
            hint = _did_you_mean(token, allowed)
            if not hint and self.is_kw(token, "TerminationState", "Stream", "LocalControl", "Local", "Remote"):
                hint = f"`{token.text}` goes inside `Media {{ … }}`"
            raise self.fail(token, f"a descriptor of {where.strip()} ({_names(allowed)})", hint)
        self.once(parent, token, name)
        {
            "Media": self.media, "Modem": self.modem, "Mux": self.mux, "Events": self.events,
            "Signals": self.signals, "DigitMap": self.digit_map, "EventBuffer": self.event_buffer,
            "Audit": self.audit, "Statistics": self.statistics, "ObservedEvents": self.observed_events,
            "Packages": self.packages, "Error": self.error_descriptor, "Services": self.services,
        }[name](parent)

    # --- descriptors ------------------------------------------------------------------------------------

    def media(self, parent: Node) -> Node:
        node = self.node("Media", self.take(), parent)
        self.expect("{", "`{` after Media")

        def item() -> None:
            token = self.peek()
            name = self.is_kw(token, "Stream", "TerminationState", *STREAM_PARMS)
            if name is None:
                raise self.fail(token, "a descriptor of Media (Stream, LocalControl, Local, Remote, "
                                       "TerminationState, Statistics)", _did_you_mean(
                                           token, ("Stream", "TerminationState", *STREAM_PARMS)))
            if name == "Stream":
                stream = self.node("Stream", self.take(), node)
                self.expect("=", "`=` and the stream id after Stream", "e.g. `Stream = 1 { … }`")
                self.uint(stream, "a stream id (a number)", as_name=True)
                self.expect("{", f"`{{` after `Stream = {stream.name}`")
                self.listing(lambda: self.stream_parm(stream), "the Stream descriptor")
            elif name == "TerminationState":
                self.once(node, token, name)
                self.termination_state(node)
            else:
                self.stream_parm(node)
        self.listing(item, "Media")
        return node

    def once(self, parent: Node, token: Token, name: str) -> None:
        """Descriptors of a command, and of a stream, appear at most once (Annex B: "at-most-once")."""
        if any(child.kind == name for child in parent.children):
            where = f"`{parent.written} = {parent.name}`" if parent.name else f"`{parent.written}`"
            raise ParseError(token.start, f"{KEYWORDS[name].name} appears twice in {where}; each descriptor "
                                          "appears at most once", token.text)

    def stream_parm(self, parent: Node) -> None:
        token = self.peek()
        name = self.is_kw(token, *STREAM_PARMS)
        if name is None:
            raise self.fail(token, "LocalControl, Local, Remote or Statistics", _did_you_mean(token, STREAM_PARMS))
        self.once(parent, token, name)
        if name == "Statistics":
            self.statistics(parent)
            return
        node = self.node(name, self.take(), parent)
        if name in ("Local", "Remote"):
            node.text, node.text_start = self.raw_braces(f"the {name} descriptor")
            return
        self.expect("{", "`{` after LocalControl")

        def local_parm() -> None:
            item = self.peek()
            kw = self.is_kw(item, "Mode", "ReservedValue", "ReservedGroup")
            if kw is None:
                self.property(node)
                return
            mode = self.node(kw, self.take(), node)
            self.expect("=", f"`=` after {item.text}")
            value = self.word("a value")
            if kw == "Mode" and not self.is_kw(value, *MODES):
                raise self.fail(value, f"a stream mode ({_names(MODES)})", _did_you_mean(value, MODES))
            mode.values.append(self.is_kw(value, *MODES) or value.text.upper())
            mode.value_starts.append(value.start)
            if kw != "Mode" and value.text.lower() not in ("on", "off"):
                raise self.fail(value, "ON or OFF")
        self.listing(local_parm, "LocalControl")

    def termination_state(self, parent: Node) -> None:
        node = self.node("TerminationState", self.take(), parent)
        self.expect("{", "`{` after TerminationState")

        def item() -> None:
            token = self.peek()
            kw = self.is_kw(token, "ServiceStates", "Buffer")
            if kw is None:
                self.property(node)
                return
            sub = self.node(kw, self.take(), node)
            self.expect("=", f"`=` after {token.text}")
            value = self.word("a value")
            choices = ("Test", "OutOfService", "InService") if kw == "ServiceStates" else ("LockStep",)
            sub.values.append(self.is_kw(value, *choices) or value.text.upper())
            sub.value_starts.append(value.start)
            if not self.is_kw(value, *choices) and not (kw == "Buffer" and value.text.lower() == "off"):
                raise self.fail(value, _names(choices) + (" or OFF" if kw == "Buffer" else ""))
        self.listing(item, "TerminationState")

    def property(self, parent: Node, kind: str = "Property", *, value_required: bool = True) -> Node:
        token = self.word("a property `package/name = value`")
        if not _PKGD_NAME.match(token.text):
            hint = _did_you_mean(token, ("Mode", "ReservedValue", "ReservedGroup")) or (
                "package properties are written `package/property = value`, e.g. `tlsbsc/role = server`")
            raise self.fail(token, "a property `package/name = value`", hint)
        node = self.node(kind, token, parent)
        node.name, node.name_start = token.text, token.start
        if value_required or self.peek().kind in ("=", "<", ">", "#"):
            self.parm_value(node)
        return node

    def parm_value(self, node: Node) -> None:
        op = self.peek()
        if op.kind not in ("=", "<", ">", "#"):
            raise self.fail(op, f"`=` and a value after `{node.name or node.written}`")
        self.take()
        node.op = op.kind
        if op.kind != "=":
            self.add_value(node, self.value())
            return
        opener = self.peek()
        if opener.kind in ("[", "{"):
            self.take()
            close = "]" if opener.kind == "[" else "}"
            self.add_value(node, self.value())
            if opener.kind == "[" and self.accept(":"):
                node.op = "range"
                self.add_value(node, self.value())
            else:
                while self.accept(","):
                    self.add_value(node, self.value())
            self.expect(close, f"`,` or `{close}` in the list of values")
            if node.op == "=":
                node.op = "list" if close == "]" else "alternatives"
            return
        self.add_value(node, self.value(f"a value after `{node.name or node.written} =`"))

    def add_value(self, node: Node, token: Token) -> None:
        node.values.append(token.text)
        node.value_starts.append(token.start + (1 if token.kind == "string" else 0))

    def uint(self, node: Node, what: str, *, as_name: bool = False) -> None:
        token = self.word(what)
        if not _UINT.match(token.text):
            raise self.fail(token, what)
        if as_name:
            node.name, node.name_start = token.text, token.start
        else:
            self.add_value(node, token)

    def switch(self, node: Node) -> None:
        token = self.word("ON or OFF")
        if token.text.lower() not in ("on", "off"):
            raise self.fail(token, "ON or OFF")
        self.add_value(node, token)

    def events(self, parent: Node) -> Node:
        node = self.node("Events", self.take(), parent)
        if not self.accept("="):
            return node  # an empty Events descriptor clears the events (or audits them)
        self.request_id(node)
        self.expect("{", f"`{{` after `Events = {node.name}`", "e.g. `Events = 1 { tlsbsc/term }`")
        self.listing(lambda: self.requested_event(node), "the Events descriptor")
        return node

    def request_id(self, node: Node) -> None:
        token = self.word("a request id (a number, or `*`)")
        if not (_UINT.match(token.text) or token.text == "*"):
            raise self.fail(token, "a request id (a number, or `*`)")
        node.name, node.name_start = token.text, token.start

    def requested_event(self, parent: Node, kind: str = "Event") -> None:
        token = self.word("an event `package/event`")
        if not _PKGD_NAME.match(token.text):
            raise self.fail(token, "an event `package/event`", "events are written `package/event`, "
                                   "e.g. `tlsbsc/term`")
        node = self.node(kind, token, parent)
        node.name, node.name_start = token.text, token.start
        if self.accept("{"):
            self.listing(lambda: self.event_parameter(node, observed=kind != "Event"), f"the parameters of "
                         f"{token.text}")

    def event_parameter(self, parent: Node, *, observed: bool = False) -> None:
        token = self.peek()
        kw = self.is_kw(token, "Stream", "Embed", "KeepActive", "DigitMap", "NeverNotify", "ImmediateNotify",
                        "RegulatedNotify", "ResetEventsDescriptor")
        if kw is not None and (not observed or kw == "Stream"):
            node = self.node(kw, self.take(), parent)
            if kw == "Stream":
                self.expect("=", "`=` after Stream")
                self.uint(node, "a stream id")
            elif kw == "Embed":
                self.expect("{", "`{` after Embed")

                def embedded() -> None:
                    item = self.peek()
                    if self.is_kw(item, "Signals"):
                        self.signals(node)
                    elif self.is_kw(item, "Events"):
                        self.events(node)
                    else:
                        raise self.fail(item, "Signals or Events in Embed")
                self.listing(embedded, "Embed")
            elif kw == "DigitMap":
                self.digit_map_rest(node)
            elif kw == "RegulatedNotify" and self.accept("{"):
                self.listing(lambda: self.loose_item(node), "RegulatedNotify")
            return
        name = self.word("an event parameter `name = value`")
        node = self.node("Parameter", name, parent)
        node.name, node.name_start = name.text, name.start
        self.parm_value(node)

    def signals(self, parent: Node) -> Node:
        node = self.node("Signals", self.take(), parent)
        if self.accept("{"):
            self.listing(lambda: self.signal(node), "the Signals descriptor", empty=True)
        return node

    def signal(self, parent: Node) -> None:
        token = self.peek()
        if self.is_kw(token, "SignalList"):
            sl = self.node("SignalList", self.take(), parent)
            self.expect("=", "`=` after SignalList")
            self.uint(sl, "a signal list id", as_name=True)
            self.expect("{", "`{` after the signal list id")
            self.listing(lambda: self.signal(sl), "SignalList")
            return
        token = self.word("a signal `package/signal`")
        if not _PKGD_NAME.match(token.text):
            raise self.fail(token, "a signal `package/signal`")
        node = self.node("Signal", token, parent)
        node.name, node.name_start = token.text, token.start
        if not self.accept("{"):
            return

        def parameter() -> None:
            item = self.peek()
            kw = self.is_kw(item, "Stream", "SignalType", "Duration", "NotifyCompletion", "KeepActive",
                            "Direction", "SPADirection", "RequestID", "SPARequestID", "Intersignal")
            if kw is None:
                name = self.word("a signal parameter `name = value`")
                sub = self.node("Parameter", name, node)
                sub.name, sub.name_start = name.text, name.start
                self.parm_value(sub)
                return
            sub = self.node(kw, self.take(), node)
            if kw == "KeepActive":
                return
            self.expect("=", f"`=` after {item.text}")
            if kw == "NotifyCompletion":
                choices = ("TimeOut", "IntByEvent", "IntBySigDescr", "OtherReason", "Iteration")
                if self.accept("{"):
                    self.listing(lambda: self.choice(sub, choices), "NotifyCompletion")
                else:
                    self.choice(sub, choices)
            elif kw == "SignalType":
                self.choice(sub, ("Brief", "OnOff", "TimeOut"))
            elif kw in ("Direction", "SPADirection"):
                self.choice(sub, ("External", "Internal", "Both"))
            else:
                self.uint(sub, "a number")
        self.listing(parameter, f"the parameters of {token.text}")

    def choice(self, node: Node, choices: tuple[str, ...]) -> None:
        token = self.word(_names(choices))
        if not self.is_kw(token, *choices):
            raise self.fail(token, _names(choices), _did_you_mean(token, choices))
        node.values.append(self.is_kw(token, *choices) or token.text)
        node.value_starts.append(token.start)

    def observed_events(self, parent: Node) -> Node:
        node = self.node("ObservedEvents", self.take(), parent)
        self.expect("=", "`=` and the request id after ObservedEvents",
                    "e.g. `ObservedEvents = 1 { tlsbsc/term { reason = close_notify } }`")
        self.request_id(node)
        self.expect("{", f"`{{` after `ObservedEvents = {node.name}`")

        def observed() -> None:
            token = self.peek()
            if token.kind == "word" and _TIMESTAMP.match(token.text):
                self.take()
                self.expect(":", "`:` after the time stamp")
            self.requested_event(node, "ObservedEvent")
        self.listing(observed, "the ObservedEvents descriptor")
        return node

    def event_buffer(self, parent: Node) -> Node:
        node = self.node("EventBuffer", self.take(), parent)
        if self.accept("{"):
            self.listing(lambda: self.requested_event(node, "BufferedEvent"), "EventBuffer")
        return node

    def statistics(self, parent: Node) -> Node:
        node = self.node("Statistics", self.take(), parent)
        self.expect("{", "`{` after Statistics")
        self.listing(lambda: self.property(node, "Statistic", value_required=False), "Statistics")
        return node

    def packages(self, parent: Node) -> Node:
        node = self.node("Packages", self.take(), parent)
        self.expect("{", "`{` after Packages")

        def item() -> None:
            token = self.word("a package and version, e.g. `tlsbsc-1`")
            if not re.match(r"^[A-Za-z][A-Za-z0-9_]*-[0-9]+$", token.text):
                raise self.fail(token, "a package and version, e.g. `tlsbsc-1`")
            self.node("Package", token, node).name = token.text
        self.listing(item, "Packages", empty=True)
        return node

    def digit_map(self, parent: Node) -> Node:
        node = self.node("DigitMap", self.take(), parent)
        self.digit_map_rest(node)
        return node

    def digit_map_rest(self, node: Node) -> None:
        if self.accept("=") and self.peek().kind != "{":
            name = self.word("a digit map name or `{`")
            node.name, node.name_start = name.text, name.start
        if self.peek().kind == "{":
            node.text, node.text_start = self.raw_braces("the digit map")
        elif not node.name:
            raise self.fail(self.peek(), "`=` and a digit map name, or `{` and a digit map")

    def modem(self, parent: Node) -> Node:
        node = self.node("Modem", self.take(), parent)
        if self.accept("["):
            self.add_value(node, self.word("a modem type"))
            while self.accept(","):
                self.add_value(node, self.word("a modem type"))
            self.expect("]", "`]`")
        else:
            self.expect("=", "`=` and a modem type after Modem")
            self.add_value(node, self.word("a modem type"))
        if self.accept("{"):
            self.listing(lambda: self.property(node), "Modem")
        return node

    def mux(self, parent: Node) -> Node:
        node = self.node("Mux", self.take(), parent)
        self.expect("=", "`=` and a multiplex type after Mux")
        self.add_value(node, self.word("a multiplex type (H221, H223, H226, V76, Nx64Kservice)"))
        self.expect("{", "`{` and the terminations of the multiplex")
        self.listing(lambda: self.termination_id(node, list_item=True), "Mux")
        return node

    def audit(self, parent: Node) -> Node:
        node = self.node("Audit", self.take(), parent)
        self.expect("{", "`{` after Audit", "an empty audit is `Audit { }`")

        def item() -> None:
            token = self.peek()
            name = self.is_kw(token, *AUDIT_ITEMS)
            if name is None:
                hint = _did_you_mean(token, AUDIT_ITEMS)
                if self.is_kw(token, "TerminationState", "Stream", "LocalControl", "Local", "Remote"):
                    hint = (f"`{token.text}` is not an audit item; it is audited inside Media: `Audit {{ Media }}`"
                            + (f" or `Audit {{ Media {{ {token.text} … }} }}`" if self.version >= 3 else ""))
                raise self.fail(token, f"an audit item ({_names(AUDIT_ITEMS)})", hint)
            sub = self.node(name, self.take(), node)
            if self.version >= 3 and name == "DigitMap" and self.accept("="):
                sub.name = self.word("a digit map name").text
            elif self.version >= 3 and self.accept("{"):
                self.listing(lambda: self.loose_item(sub), f"the audited {name}")
        self.listing(item, "the Audit descriptor", empty=True)
        return node

    def loose_item(self, parent: Node) -> None:
        """An individual-audit item of version 3 (`TerminationState { tlsbsc/role }`, `Stream = 1 { … }`,
        `tlsbsc/role = server`): a keyword or name, an optional value and an optional braced list."""
        token = self.peek()
        if token.kind not in ("word", "string"):
            raise self.fail(token, "a descriptor, property or value")
        self.take()
        kw = keyword(token.text, self.version) if token.kind == "word" else None
        node = self.node(kw.name if kw is not None and not _PKGD_NAME.match(token.text) else "Property", token,
                         parent)
        if node.kind == "Property":
            node.name, node.name_start = token.text, token.start
        if self.peek().kind in ("=", "<", ">", "#"):
            self.parm_value(node)
        if self.accept("{"):
            self.listing(lambda: self.loose_item(node), f"`{token.text}`", empty=True)

    def error_descriptor(self, parent: Node | None) -> Node:
        node = self.node("Error", self.take(), parent)
        self.take_error(node)
        return node

    def take_error(self, node: Node) -> None:
        self.expect("=", "`=` and the error code after Error", "e.g. `Error = 430 { \"Unknown TerminationID\" }`")
        code = self.word("an error code (a number)")
        if not _UINT.match(code.text) or int(code.text) > 65535:
            raise self.fail(code, "an error code (0-65535)")
        node.name, node.name_start = code.text, code.start
        self.expect("{", "`{` after the error code", "e.g. `Error = 430 { \"Unknown TerminationID\" }`")
        if self.peek().kind == "string":
            self.add_value(node, self.take())
        self.expect("}", "`}` closing the Error descriptor (its text is a quoted string)")

    def services(self, parent: Node) -> Node:
        node = self.node("Services", self.take(), parent)
        self.expect("{", "`{` after Services")

        def item() -> None:
            token = self.peek()
            kw = self.is_kw(token, "Method", "Reason", "Delay", "ServiceChangeAddress", "Profile", "Version",
                            "MgcIdToTry", "ServiceChangeInc", "Audit")
            if kw == "Audit":
                self.audit(node)
                return
            if kw is None and token.kind == "word" and _TIMESTAMP.match(token.text):
                self.node("TimeStamp", self.take(), node).name = token.text
                return
            if kw is None and token.kind == "word" and token.text[:2].upper() in ("X-", "X+"):
                ext = self.node("Extension", self.take(), node)
                ext.name = token.text
                self.parm_value(ext)
                return
            if kw is None:
                raise self.fail(token, "a ServiceChange parameter (Method, Reason, Delay, ServiceChangeAddress, "
                                       "Profile, Version, MgcIdToTry)")
            sub = self.node(kw, self.take(), node)
            if kw == "ServiceChangeInc":
                return
            self.expect("=", f"`=` after {token.text}")
            if kw == "Method":
                value = self.word("a method (Failover, Forced, Graceful, Restart, Disconnected, HandOff)")
                if not (self.is_kw(value, "Failover", "Forced", "Graceful", "Restart", "Disconnected", "HandOff")
                        or value.text[:2].upper() in ("X-", "X+")):
                    raise self.fail(value, "a method (Failover, Forced, Graceful, Restart, Disconnected, HandOff)")
                self.add_value(sub, value)
            elif kw in ("ServiceChangeAddress", "MgcIdToTry"):
                self.raw_mid(sub)
            else:
                self.add_value(sub, self.value())
        self.listing(item, "the Services descriptor")
        seen: dict[str, Node] = {}
        for child in node.children:
            if child.kind in seen and child.kind not in ("Extension", "Audit"):
                raise ParseError(child.start, f"{child.written} appears twice in the Services descriptor; each "
                                              "ServiceChange parameter appears at most once", child.written)
            seen[child.kind] = child
        if "ServiceChangeAddress" in seen and "MgcIdToTry" in seen:
            raise ParseError(seen["MgcIdToTry"].start, "a Services descriptor has ServiceChangeAddress or "
                                                      "MgcIdToTry, not both", seen["MgcIdToTry"].written)
        if parent.kind == "ServiceChange" and not self._in_reply(parent):
            missing = [m for m in ("Method", "Reason") if m not in seen]
            if missing:
                raise ParseError(node.start, f"a ServiceChange request needs {' and '.join(missing)} in its "
                                             "Services descriptor, e.g. `Services { Method = Restart, "
                                             "Reason = 901 }`", node.written)
        return node

    @staticmethod
    def _in_reply(node: Node) -> bool:
        return any(n.kind == "Reply" for n in node.ancestors())

    def raw_mid(self, node: Node) -> None:
        token = self.peek()
        start = token.start
        match = _HEADER_MID.match(self.text, start)
        if token.kind == "word" and (match is None or match.end() <= token.end):
            self.add_value(node, self.take())
            return
        if match is None:
            raise self.fail(token, "an address (`[192.0.2.1]:2944`, `<mgc.example.net>` or a port)")
        node.values.append(match.group(0))
        node.value_starts.append(start)
        self.last_end = match.end()
        self._peeked = None
        self.pos = skip_space(self.text, match.end())


def _did_you_mean(token: Token, names: tuple[str, ...]) -> str:
    if token.kind != "word":
        return ""
    forms = {n.lower(): n for n in names}
    forms.update({(KEYWORDS[n].short or "").lower(): n for n in names if n in KEYWORDS and KEYWORDS[n].short})
    close = difflib.get_close_matches(token.text.lower(), list(forms), n=1, cutoff=0.75)
    if not close:
        return ""
    name = forms[close[0]]
    return f"did you mean `{KEYWORDS[name].name}`" + (
        f" ({KEYWORDS[name].short})?" if KEYWORDS[name].short else "?")


def _command_hint(token: Token) -> str:
    if token.kind != "word":
        return ""
    hint = _did_you_mean(token, COMMANDS)
    if hint:
        return f"`{token.text}` is not an H.248 command; {hint}"
    found = keyword(token.text)
    if found is not None:
        return f"`{token.text}` is not a command here"
    return ""
