"""Assembles page texts from blocks and page breaks, for the formats that stream XML."""

from __future__ import annotations

from koers.scan.extract import limits

PAGE_BREAK = object()  # marker among the text pieces of a block


class PageBuilder:
    """Collects the text of blocks (paragraphs, headings, list items) into numbered pages.

    A page break on a page that has no text yet is ignored: Word writes both an explicit
    break and a "last rendered" break for the same page, and a document may start with one.
    """

    def __init__(self) -> None:
        self.number = 1
        self._blocks: list[str] = []
        self._parts: list[str] = []
        self._length = 0  # characters on the current page so far

    def add(self, text: str) -> None:
        self._length += len(text)
        limits.check_page(self.number, self._length)  # stop a one-page bomb while it is read
        self._parts.append(text)

    def add_blocks(self, blocks: list[list[object]]):
        """Add blocks given as text pieces and PAGE_BREAK markers; yield finished pages."""
        for pieces in blocks:
            for piece in pieces:
                if piece is PAGE_BREAK:
                    page = self.page_break()
                    if page:
                        yield page
                else:
                    self.add(piece)
            self.end_block()

    def end_block(self) -> None:
        block = "".join(self._parts).strip()
        self._parts.clear()
        if block:
            self._blocks.append(block)

    def page_break(self) -> tuple[int, str] | None:
        """End the current page; return (number, text) unless the page is still empty."""
        self.end_block()
        if not self._blocks:
            return None
        page = (self.number, "\n\n".join(self._blocks))
        self._blocks = []
        self._length = 0
        self.number += 1
        return page

    def finish(self) -> tuple[int, str] | None:
        return self.page_break()
