"""What `reconnect` says: the gap as a person says it (`almost two years`), your news, their
side, the promises, what you could give, and the openers.

Openers come in two voices. A prompt speaks to you, as every report does (`Pick up where you
left off …`). A first sentence speaks to them, and German says it as the note's `anrede` asks:
`du` (the default) or `Sie`. English has one form; the second message of each pair below exists
for German's `Sie` alone, and English never shows it."""

from __future__ import annotations

from typing import Any

from vaultkit.language import GERMAN, N_, _, date_text, day, month, n_, number, relative_days, speaking
from vaultkit.model import Occasion
from vaultkit.render.speech import give
from vaultkit.render.speech.brief import occasion as noted_occasion
from vaultkit.render.speech.points import said_topic
from vaultkit.render.templates import columns
from vaultkit.reports.network.give import Idea
from vaultkit.reports.reconnect import Coming, Heard, Opener, Promise, Reconnect

# Spelled out up to twelve, as people write them; digits beyond.
_NUMBER_WORDS = (
    N_("two"),
    N_("three"),
    N_("four"),
    N_("five"),
    N_("six"),
    N_("seven"),
    N_("eight"),
    N_("nine"),
    N_("ten"),
    N_("eleven"),
    N_("twelve"),
)
DAYS_PER_MONTH = 30.44
DAYS_PER_YEAR = 365.25


def _word(count: int) -> str:
    return _(_NUMBER_WORDS[count - 2]) if 2 <= count <= 12 else number(count)


def span(days: int) -> str:
    """A silence of `days` (two or more) as a person says it, roughly,, to follow `ago` or `for` (German:
    `vor`, `seit`): `12 days`, `three weeks`, `five months`, `almost a year`, `a year and a
    half`, `almost two years`, `over three years`."""
    if days < 7:
        return n_("a day", "{count} days", days).format(count=_word(days))
    if days < 56:
        weeks = max(1, round(days / 7))
        return n_("a week", "{count} weeks", weeks).format(count=_word(weeks))
    if days < 320:
        months = max(2, round(days / DAYS_PER_MONTH))
        return n_("a month", "{count} months", months).format(count=_word(months))
    if days < 365:
        return n_("almost a year", "almost {count} years", 1)
    years = days / DAYS_PER_YEAR
    whole, part = int(years), years - int(years)
    if part >= 0.75:
        return n_("almost a year", "almost {count} years", whole + 1).format(count=_word(whole + 1))
    if part >= 0.4:
        return (
            _("a year and a half") if whole == 1 else _("{count} and a half years").format(count=_word(whole))
        )
    if part >= 0.1:
        return n_("over a year", "over {count} years", whole).format(count=_word(whole))
    return n_("a year", "{count} years", whole).format(count=_word(whole))


def gap(result: Reconnect) -> str:
    """How long since you were last in touch, and on which day."""
    gap, name = result.gap, result.contact.name
    if gap.last is None or gap.days is None:
        return _("Never in touch yet: no log entry, last_contact or dated note with {name}.").format(
            name=name
        )
    if gap.days == 0:
        return _("Last in touch today, {day}.").format(day=day(gap.last.date))
    if gap.days == 1:
        return _("Last in touch yesterday, {day}.").format(day=day(gap.last.date))
    return _("Last in touch {span} ago, on {day}.").format(span=span(gap.days), day=day(gap.last.date))


def short(result: Reconnect) -> str:
    """Said when the silence is short: there is no gap to bridge."""
    return _("No long silence to bridge: you are in touch.") if result.gap.short else ""


def topic(result: Reconnect) -> str:
    """What the last exchange was about: `It was about: mail: Christmas card exchange`; the
    latest topic noted, with its day, when the last contact itself says nothing."""
    gap = result.gap
    if gap.topic is None:
        return _("What it was about is not noted.") if gap.last else ""
    text = said_topic(gap.topic_text)
    if gap.topic_kind:
        text = _("{kind}: {topic}").format(kind=gap.topic_kind, topic=text)
    if gap.topic == gap.last or (gap.last and gap.topic.date == gap.last.date):
        return _("It was about: {topic}").format(topic=text)
    return _("The last topic noted, {day}: {topic}").format(day=day(gap.topic.date), topic=text)


def news_heading(result: Reconnect) -> str:
    if result.gap.never:
        return _("Your news of the last year")
    return _("Your news since then")


def no_news(result: Reconnect) -> str:
    """Why no news of yours is listed, and how to add some, in one line."""
    if result.owner is None:
        return _(
            'No note of your own yet: name one in .vaultkit.toml ([me] note = "People/Me.md") and log your news there.'
        )
    return _("Nothing new of yours in {path} since then (log it there: - DATE what happened #news).").format(
        path=result.owner.path
    )


def their_side_heading(result: Reconnect) -> str:
    return _("What you know of {name}").format(name=result.contact.name)


def coming(result: Reconnect, item: Coming) -> str:
    """`birthday in 9 days, Mon 2026-11-30 (turns 61)`."""
    when = relative_days((item.day - result.today).days)
    if item.kind == "birthday":
        if item.years:
            return _("birthday {when}, {day} (turns {years})").format(
                when=when, day=day(item.day), years=item.years
            )
        return _("birthday {when}, {day}").format(when=when, day=day(item.day))
    if item.kind == "anniversary":
        if item.years:
            return n_(
                "anniversary {when}, {day} ({years} year)",
                "anniversary {when}, {day} ({years} years)",
                item.years,
            ).format(when=when, day=day(item.day), years=item.years)
        return _("anniversary {when}, {day}").format(when=when, day=day(item.day))
    if item.month:
        return _("{occasion} in {month}").format(
            occasion=item.what or _("an occasion"), month=month(item.day)
        )
    return _("{occasion} {when}, {day}").format(
        occasion=item.what or _("an occasion"), when=when, day=day(item.day)
    )


def happened(noted: Occasion) -> str:
    """An occasion of theirs that fell in the silence: `2025-06 wedding, while you were silent`."""
    return _("{occasion}, while you were silent").format(occasion=noted_occasion(noted))


def heard(item: Heard) -> str:
    """A `#news` entry of their log: `you heard (2026-05-01): started at …`."""
    return _("you heard ({date}): {news}").format(date=date_text(item.date), news=item.text)


def nothing_on_their_side(result: Reconnect) -> str:
    return _(
        "Nothing in the notes about their side: no #news in their log, no birthday or occasion coming up or during the silence."
    )


def promise(item: Promise) -> str:
    if item.kind == "task":
        return _("task: {text}").format(text=item.text)
    return _("promised: {text}").format(text=item.text)


def kept(item: Promise) -> str:
    return _("kept on {day}: {text}").format(
        day=date_text(item.kept_on) if item.kept_on else "", text=item.text
    )


def no_promises(result: Reconnect) -> str:
    return _(
        "No open promises: no unchecked task links {name}, no #promised log entry waits for a #gave."
    ).format(name=result.contact.name)


def idea(result: Reconnect, found: Idea) -> str:
    """A give idea in words, as `give` says it."""
    return give.said(found)


def no_ideas(result: Reconnect) -> str:
    return _(
        "Nothing to give that the notes know of: {name} names no need that you or a contact of yours could meet."
    ).format(name=result.contact.name)


# To them: (in English, and in German to someone addressed as du; in German to someone addressed
# as Sie, which English never shows).
_TO_THEM = {
    "interest": (
        N_("Still into {fact}? I'd love to hear what you're up to these days."),
        N_("Are you still into {fact}? I would love to hear how you are."),
    ),
    "offer": (
        N_("Are you still looking for {fact}? I might be able to help with that."),
        N_("Is {fact} still something you are looking for? I might be able to help."),
    ),
    "intro": (
        N_("Are you still looking for {fact}? I know someone who could help: {other}."),
        N_("Is {fact} still something you are looking for? {other}, whom I know, could help."),
    ),
    "mutual": (
        N_("I think you and {other} should meet: you could help each other."),
        N_("I think you should meet {other}: you could help each other."),
    ),
    "give_back": (
        N_("I still owe you one for your help. Is there anything I can do for you right now?"),
        N_("I still owe you for your help. Is there anything I could do for you at the moment?"),
    ),
    "news": (
        N_("Quite a lot has happened on my side: {fact}. How about you?"),
        N_("A lot has changed for me: {fact}. How have you been?"),
    ),
    "gap": (
        N_("I haven't been in touch for {span}, and I'm sorry about that."),
        N_("It has been {span} since I was last in touch, and I regret that."),
    ),
}


def opener(result: Reconnect, found: Opener) -> str:
    """An opener in words: a first sentence to them, or a prompt to you to write from."""
    if found.kind == "last_topic":
        return _("Pick up where you left off ({date}): {topic}").format(
            date=date_text(found.day) if found.day else "", topic=said_topic(found.fact or "")
        )
    if found.kind == "how_met":
        return _("Start from how you met: {how}").format(how=found.fact)
    if found.kind == "occasion" and found.coming is not None:
        return _occasion_prompt(result, found.coming)
    if found.kind == "happened":
        return _("While you were silent: {occasion}. Ask how it went.").format(
            occasion=found.fact or _("an occasion")
        )
    if found.kind == "their_news":
        return _("Last you heard ({date}): {news}. Ask how it is going.").format(
            date=date_text(found.day) if found.day else "", news=found.fact
        )
    if found.kind == "promise":
        return _("Keep your promise first: {promise}.").format(promise=found.fact)
    kind = "mutual" if found.idea and found.idea.mutual else found.kind
    du, sie = _TO_THEM[kind]
    template = sie if speaking() == GERMAN and result.contact.anrede == "Sie" else du
    other = found.idea.other.name if found.idea and found.idea.other else ""
    days = result.gap.days or 0
    return _(template).format(fact=found.fact, other=other, span=span(days) if days >= 2 else "")


def _occasion_prompt(result: Reconnect, item: Coming) -> str:
    when = relative_days((item.day - result.today).days)
    if item.kind == "birthday":
        return _("Their birthday is {when} ({day}): a natural reason to write.").format(
            when=when, day=day(item.day)
        )
    if item.kind == "anniversary":
        return _("Their anniversary is {when} ({day}): a natural reason to write.").format(
            when=when, day=day(item.day)
        )
    if item.month:
        return _("In {month}: {occasion}. Ask how it is going.").format(
            occasion=item.what or _("an occasion"), month=month(item.day)
        )
    return _("Coming up {when} ({day}): {occasion}. Ask about it.").format(
        occasion=item.what or _("an occasion"), when=when, day=day(item.day)
    )


def json_prose(result: Reconnect, data: dict[str, Any]) -> None:
    """`gap.said`, `ideas[].said` and `openers[].said`, in words."""
    data["gap"]["said"] = " ".join(part for part in (gap(result), short(result), topic(result)) if part)
    for each, shown in zip(result.ideas, data["ideas"]):
        shown["said"] = idea(result, each)
    for start, shown in zip(result.openers, data["openers"]):
        shown["said"] = opener(result, start)


def incomplete(result: Reconnect) -> str:
    return _(
        "This note could not be read completely: what is shown may miss something (vaultkit check says why)."
    )


def label_width() -> int:
    """The columns the widest label takes, in the language spoken now."""
    return max(columns(_(label)) for label in ("Interests:", "Needs:", "Offers:"))
