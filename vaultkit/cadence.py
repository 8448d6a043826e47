"""Pure date math: calendar periods, which cadence applies, due and overdue days, birthdays.

Rules (each has a test):
- Months and years are calendar months and years. Adding them keeps the day of the month and
  clamps it to the month's last day: 31 January + 1m = 28 February (29th in leap years),
  29 February + 1y = 28 February.
- A contact is *due* from the day `last contact + ideal` and *overdue* from the day
  `last contact + maximum`, both days included.
- The maximum defaults to the ideal plus half of it: half of 1m is 15 days, half of 2m is 1m,
  half of 1y is 6m, half of 1w is 4 days (half days round up).
- Precedence: the note's own `cadence`/`cadence_max`, then the first matching tag rule in the
  config, then the circle's cadence, then the vault default. `none` at the deciding level means
  no cadence at all.
- A birthday on 29 February falls on 28 February in years that are not leap years.
- A birth date after today has no birthday yet: the reports leave it out. Anniversaries, the
  day you met and a note's occasions return every year the same way; an occasion still to come
  is shown on its day, a month (`2027-01`) while the agenda's days reach into it.
- A day past the calendar's end is its last day, 9999-12-31: dates near it never overflow.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import MAXYEAR, date, timedelta
from typing import Literal

from vaultkit.config import Config
from vaultkit.model import NO_CADENCE, Birthday, Contact, Duration


def add(day: date, period: Duration, times: int = 1) -> date:
    """`day` plus `times` periods; a day past the calendar's end is its last day, 9999-12-31."""
    amount = period.amount * times
    if period.unit in ("d", "w"):
        return days_after(day, amount * (7 if period.unit == "w" else 1))
    months = amount if period.unit == "m" else amount * 12
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    if year > MAXYEAR:
        return date.max
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def days_after(day: date, days: int) -> date:
    """`day` plus `days` (not negative); a day past the calendar's end is its last day."""
    return day + timedelta(days=min(days, (date.max - day).days))


def plus_half(day: date, period: Duration) -> date:
    """`day` + `period` + half of `period`: the default maximum."""
    later = add(day, period)
    if period.unit == "y":
        return add(later, Duration(period.amount * 6, "m"))
    if period.unit == "m":
        whole, rest = divmod(period.amount, 2)
        later = add(later, Duration(whole, "m")) if whole else later
        return days_after(later, 15 * rest)
    days = period.amount * (7 if period.unit == "w" else 1)
    return days_after(later, -(-days // 2))


def days_in(period: Duration) -> int:
    """The approximate length of a period in days, for ranking only."""
    return period.amount * {"d": 1, "w": 7, "m": 30, "y": 365}[period.unit]


# Which rule gave a contact its cadence: the note's own, a tag rule, its circle, the vault default.
Source = Literal["own", "tag", "circle", "default"]


@dataclass(frozen=True, slots=True)
class Cadence:
    ideal: Duration
    maximum: Duration | None  # None: the ideal plus half of it
    source: Source
    name: str | None = None  # the tag or the circle of that rule

    @property
    def rule(self) -> str:
        """Which rule applied, in English: `own cadence`, `tag rule family`, `close circle`,
        `vault default` (the render layer says it in the language spoken)."""
        if self.source == "tag":
            return f"tag rule {self.name}"
        if self.source == "circle":
            return f"{self.name} circle"
        return "own cadence" if self.source == "own" else "vault default"

    def due_on(self, last: date) -> date:
        return add(last, self.ideal)

    def overdue_on(self, last: date) -> date:
        return add(last, self.maximum) if self.maximum else plus_half(last, self.ideal)

    def describe(self) -> str:
        text = f"{self.rule}, every {self.ideal}"
        return f"{text}, at most {self.maximum}" if self.maximum else text

    def as_json(self) -> dict[str, str | None]:
        """The rule as facts: `{"source": "circle", "name": "network", "ideal": "3m", "maximum": null}`."""
        return {
            "source": self.source,
            "name": self.name,
            "ideal": str(self.ideal),
            "maximum": str(self.maximum) if self.maximum else None,
        }


def cadence_for(contact: Contact, config: Config) -> Cadence | None:
    """The cadence that applies to `contact`, or None when it has none."""
    maximum = contact.cadence_max if isinstance(contact.cadence_max, Duration) else None
    if contact.cadence is not None:
        return _cadence(contact.cadence, maximum, "own")
    tags = {tag.lower() for tag in contact.tags}
    tags |= {tag.split("/")[0] for tag in tags}
    for tag, period in config.tag_cadences:
        if tag.lower().lstrip("#") in tags:
            return _cadence(period, maximum, "tag", tag)
    if contact.circle in config.circle_cadences:
        return _cadence(config.circle_cadences[contact.circle], maximum, "circle", contact.circle)
    return _cadence(config.default_cadence, maximum, "default")


def _cadence(
    period: Duration | str, maximum: Duration | None, source: Source, name: str | None = None
) -> Cadence | None:
    if period == NO_CADENCE or not isinstance(period, Duration):
        return None
    return Cadence(period, maximum, source, name)


def next_birthday(birthday: Birthday, today: date) -> date | None:
    """The first day on or after `today` that celebrates `birthday`; None before the birth date
    and when that day would be past the calendar's end."""
    if born_after(birthday, today):
        return None
    this_year = birthday_in(birthday, today.year)
    if this_year >= today:
        return this_year
    return birthday_in(birthday, today.year + 1) if today.year < MAXYEAR else None


def next_return(day: Birthday, today: date) -> date | None:
    """The first day on or after `today` that is `day` or one of its returns in later years
    (an occasion still to come is its own first day); None past the calendar's end."""
    if born_after(day, today):
        return date(day.year or today.year, day.month, day.day)
    return next_birthday(day, today)


def born_after(birthday: Birthday, day: date) -> bool:
    """Whether `birthday` has a year and falls after `day`: a birth date still to come."""
    return birthday.year is not None and (birthday.year, birthday.month, birthday.day) > (
        day.year,
        day.month,
        day.day,
    )


def birthday_in(birthday: Birthday, year: int) -> date:
    if birthday.month == 2 and birthday.day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    return date(year, birthday.month, birthday.day)


def age_turning(birthday: Birthday, on: date) -> int | None:
    """The age someone born on `birthday` turns on the birthday `on`; for an anniversary, the
    years it counts."""
    if birthday.year is None:
        return None
    return on.year - birthday.year
