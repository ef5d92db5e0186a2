"""The respondent's edits on a draft's round-trip data: one field of `respondent`, and the
co-signers changed in place. The same invariant as `draft_edits`: only the touched lines change, and
comment lines are never dropped (a new field goes below the last one, above the comment lines that
close the mapping; a removed co-signer's comments join the lines below it)."""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .yamlio.comment_lines import (
    append_key,
    assign,
    dash_column,
    delete_key,
    entry_lines,
    put_entries,
    put_groups,
    take_entries,
    take_groups,
)


class RespondentEdits:
    """The respondent's edit operations of `DraftEditor` (a base of it, beside `DraftEdits`)."""

    data: CommentedMap

    def _touch(self) -> None:
        raise NotImplementedError

    def _list(self, where: str | tuple) -> tuple[Any, Any, CommentedSeq]:
        raise NotImplementedError


    def set_respondent(self, field: str, value: Any) -> None:
        respondent = self.data.get("respondent")
        if isinstance(respondent, CommentedMap) and field in respondent and respondent.get(field) == value:
            return
        if not isinstance(respondent, CommentedMap):
            respondent = CommentedMap()
            if "respondent" in self.data:
                assign(self.data, "respondent", respondent)
            else:
                append_key(self.data, "respondent", respondent)
        if field in respondent:
            assign(respondent, field, value)
        else:
            append_key(respondent, field, value, (self.data, "respondent"))
        self._touch()

    def set_cosigners(self, cosigners: list[dict[str, str]]) -> None:
        """Make the cosigners these, changing the entries in place (their comments stay)."""
        parent, key, seq = self._list(("cosigners",))
        column = dash_column(("cosigners",))
        groups = take_groups(parent, key, seq)
        entries = take_entries(seq)
        for j, c in enumerate(cosigners):
            want = {k: c[k] for k in ("organisation", "country") if c.get(k)}
            if j >= len(seq):
                seq.append(CommentedMap())
                entries.append(None)
                groups.insert(len(groups) - 1, [])
            elif not isinstance(seq[j], CommentedMap):
                seq[j] = CommentedMap()
            m = seq[j]
            for k, v in want.items():
                if k not in m:
                    append_key(m, k, v)
                elif m[k] != v:
                    assign(m, k, v)
            for k in [k for k in m if k not in want]:
                delete_key(m, k, column=column + 2)
        while len(seq) > len(cosigners):
            at = len(seq) - 1
            carried = entry_lines(seq, at, column)
            del seq[at]
            entries.pop()
            groups[at : at + 2] = [groups[at] + carried + groups[at + 1]]
        put_entries(seq, entries)
        put_groups(parent, key, seq, groups)
        self._touch()
