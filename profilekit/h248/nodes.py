"""The syntax tree of an H.248 text message: generic nodes with the offsets where they are written."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(slots=True)
class Node:
    """One element of a message: a transaction, context, command, descriptor, property, event, SDP block…

    `kind` is the canonical token (`Add`, `Media`, `LocalControl`, …) or one of `Property`, `Event`,
    `Signal`, `ObservedEvent`, `Parameter`, `Statistic`, `AuditItem`, `Package`; `name` is what the element
    names (a termination id, a context id, `tlsbsc/role`); `values` are the values written after `=`
    (or inside `[…]`/`{…}`), `op` the relation (`=`, `>`, `<`, `#`).
    """

    kind: str
    start: int
    """Offset of the element's first character in the parsed text."""
    written: str = ""
    """The token as written (`A`, `Add`, `add`)."""
    name: str = ""
    name_start: int = -1
    op: str = ""
    values: list[str] = field(default_factory=list)
    value_starts: list[int] = field(default_factory=list)
    text: str | None = None
    """Raw content of an octet string (Local, Remote, DigitMap value)."""
    text_start: int = -1
    children: list[Node] = field(default_factory=list)
    parent: Node | None = field(default=None, repr=False, compare=False)

    def walk(self) -> Iterator[Node]:
        """This node and every node below it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def ancestors(self) -> Iterator[Node]:
        """The nodes above this one, nearest first."""
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def enclosing(self, *kinds: str) -> Node | None:
        """The nearest ancestor of one of `kinds`."""
        return next((n for n in self.ancestors() if n.kind in kinds), None)


@dataclass(slots=True)
class Message:
    """A whole H.248 message: version, sender's mId and the transactions (or an Error descriptor)."""

    version: int
    mid: str
    body: list[Node]
    text: str

    def walk(self) -> Iterator[Node]:
        """Every node of the message, in document order."""
        for node in self.body:
            yield from node.walk()
