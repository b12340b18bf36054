"""Turn the figures' tables of codes into words for a page, a chart and a CSV file."""
from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from babel.dates import get_month_names
from flask import Response
from flask_babel import get_locale

from processes.organs import Organ
from processes.statistics import Table

from ..i18n import page_lang as lang
from ..i18n import to_cst
from ..step_words import step_title, timer_names
from ..deadline_words import deadline_end
from .labels import CATEGORIES, CHANNELS, FIGURES, STAGES, column_label, status_label


@dataclass
class Shown:
    """A table as people read it: headings, rows of words, and the numbers behind them."""

    name: str
    headings: list[str]
    rows: list[list[str]]
    values: list[list[Any]]
    columns: list[str]

    def series(self, column: str) -> list[Any]:
        """Return one column's raw values (for a chart)."""
        index = self.columns.index(column)
        return [row[index] for row in self.values]

    @property
    def numeric(self) -> list[bool]:
        """Tell for each column whether it holds numbers (shown right-aligned)."""
        return [bool(self.values) and all(isinstance(row[i], (int, float)) or row[i] is None for row in self.values)
                for i in range(len(self.columns))]

    def as_rows(self) -> list[list[str]]:
        """Return the headings and the rows, for a CSV file."""
        return [self.headings, *self.rows]

    def words(self, column: str) -> list[str]:
        """Return one column as shown (for a chart's labels)."""
        index = self.columns.index(column)
        return [row[index] for row in self.rows]


def _word(column: str, value: Any, organs: Mapping[str, Organ], forms: Mapping[str, str],
          timers: Mapping[str, str]) -> str:
    if value is None or value == "":
        return "—"
    if column in ("limit", "step"):
        return timers[value] if value in timers else step_title(str(value), forms.get(value))
    if column == "month":
        return str(get_month_names("abbreviated", locale=get_locale())[int(value)])
    if column in ("organ", "territory"):
        organ = organs.get(str(value))
        return organ.name(lang()) if organ else str(value)
    labels = {"category": CATEGORIES, "stage": STAGES, "channel": CHANNELS, "figure": FIGURES}.get(column)
    if labels is not None:
        return str(labels.get(value, value))
    if column == "status":
        return status_label(value)
    if isinstance(value, datetime) and column == "due_at":
        return deadline_end(value)
    if isinstance(value, datetime):
        return to_cst(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, float):
        return f"{value:.1f}" if column != "average" else f"{value:.2f}"
    return str(value)


def shown(table: Table, organs: Mapping[str, Organ]) -> Shown:
    """Return a table with its codes put into words."""
    titles = timer_names(table.timers.values()) if table.timers else {}
    timers = {name: titles[(row.instance_id, row.element)] for name, row in table.timers.items()}
    rows = [[_word(column, value, organs, table.forms, timers) for column, value in zip(table.columns, row)]
            for row in table.rows]
    return Shown(table.name, [column_label(c) for c in table.columns], rows, table.rows, table.columns)


def csv_response(filename: str, rows: list[list[str]]) -> Response:
    """Return rows as a CSV download that spreadsheet programs open with its Chinese intact."""
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    # The byte order mark tells spreadsheet programs the file is UTF-8.
    return Response("\ufeff" + out.getvalue(), mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
