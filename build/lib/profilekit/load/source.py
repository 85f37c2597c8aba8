"""Source documents: the text of one YAML file and the position of every key and value in it."""

from __future__ import annotations

from dataclasses import dataclass, field

#: A path into the loaded data: mapping keys and sequence indexes, as pydantic reports `loc`.
YamlPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Pos:
    """1-based line and column, as editors and compilers print them."""

    line: int
    column: int


@dataclass
class Document:
    """One loaded YAML file: where it came from and where each node of it stands."""

    path: str
    text: str
    value_pos: dict[YamlPath, Pos] = field(default_factory=dict)
    key_pos: dict[YamlPath, Pos] = field(default_factory=dict)

    def locate(self, path: YamlPath, *, key: bool = False) -> Pos:
        """Position of the node at `path`, or of its nearest ancestor that has one."""
        table = self.key_pos if key else self.value_pos
        probe = tuple(path)
        while probe:
            pos = table.get(probe) or self.value_pos.get(probe)
            if pos is not None:
                return pos
            probe = probe[:-1]
        return self.value_pos.get((), Pos(1, 1))


def format_path(path: YamlPath) -> str:
    """`tls_profiles[0].cipher_suites[3]`: the path as a reader types it."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
