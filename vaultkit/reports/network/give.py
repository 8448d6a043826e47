"""Give first: what you could do for people now, best first. A need of theirs that you offer
(your own note's `offers`), an introduction to a contact of yours who offers it (best when it
helps both sides), and the people you have only ever taken from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from vaultkit.activity import Activity
from vaultkit.model import Contact, Index, Owner
from vaultkit.reports.balance import balance
from vaultkit.reports.network.graph import network
from vaultkit.reports.network.intros import SCORES, Reason, intros
from vaultkit.reports.network.terms import Term, fit

SCHEMA = "vaultkit.give/1"
IdeaKind = Literal["offer", "intro", "give_back"]
# You can meet a need yourself: that counts for more than the same need met through someone else.
YOURSELF = 2
# They have given to you and you never gave back: as strong as a need met exactly, and stronger
# the more often they gave (up to MOST_TAKEN times).
GIVE_BACK = SCORES["same"]
MOST_TAKEN = 3


@dataclass(frozen=True)
class Idea:
    """Something you could do for `contact`: meet their `need` with your `offer` (`offer`),
    introduce them to `other`, who offers `offer` (`intro`; `mutual` when `other` needs what
    they offer, `their_offer`), or give back to someone you have `taken` from `taken` times
    without giving (`give_back`)."""

    kind: IdeaKind
    contact: Contact
    score: int
    need: str | None = None
    offer: str | None = None
    other: Contact | None = None
    mutual: bool = False
    their_need: str | None = None  # of `other`, met by the contact's `their_offer`
    their_offer: str | None = None
    taken: int = 0
    last_got: date | None = None

    @property
    def order(self) -> tuple[int, str, str, str]:
        """Where the idea comes in a list of them: the best first, then by name."""
        return (-self.score, self.contact.name, self.kind, self.other.name if self.other else "")

    def from_the_other_side(self) -> Idea:
        """A mutual introduction as the other one sees it: their need, and what they offer."""
        assert self.other is not None and self.mutual
        return Idea(
            "intro",
            self.other,
            self.score,
            self.their_need,
            self.their_offer,
            self.contact,
            mutual=True,
            their_need=self.need,
            their_offer=self.offer,
        )

    def as_json(self) -> dict[str, Any]:
        """The idea's facts; `give` adds `said`, the idea in words (`vaultkit.render.speech.give`)."""
        return {
            "kind": self.kind,
            "contact": self.contact.id,
            "name": self.contact.name,
            "score": self.score,
            "need": self.need,
            "offer": self.offer,
            "other": self.other.id if self.other else None,
            "other_name": self.other.name if self.other else None,
            "mutual": self.mutual,
            "their_need": self.their_need,
            "their_offer": self.their_offer,
            "taken": self.taken,
            "last_got": self.last_got.isoformat() if self.last_got else None,
        }


def ideas(index: Index, activity: Activity, focus: str | None = None) -> tuple[Idea, ...]:
    """Every idea for every contact but the archived ones (for `focus`, that contact's), best
    first: by score, then by name."""
    today = activity.today
    found: list[Idea] = []
    # Terms are stemmed, and the stemmers loaded, only when there is something to compare.
    needing = any(contact.needs for contact in index.contacts.values())
    offers = [Term.of(offer) for offer in index.owner.offers] if index.owner and needing else []
    for contact in index.contacts.values() if offers else ():
        if contact.status == "archived" or focus not in (None, contact.id):
            continue
        for need in map(Term.of, contact.needs):
            fits = [(SCORES[how], offer) for offer in offers if (how := fit(need, offer))]
            if fits:
                score, offer = max(fits, key=lambda pair: pair[0])
                found.append(Idea("offer", contact, score + YOURSELF, need.text, offer.text))
    if needing:  # without a need there is nobody to introduce, and no network to make
        found.extend(_introductions(index, activity, focus))
    for account in balance(index, today, activity).only_taking:
        contact = index.contacts[account.contact]
        if focus in (None, contact.id):
            score = GIVE_BACK + min(account.got, MOST_TAKEN) - 1
            found.append(Idea("give_back", contact, score, taken=account.got, last_got=account.last_got))
    found.sort(key=lambda idea: idea.order)
    return tuple(found)


def strongest(found: tuple[Idea, ...]) -> dict[str, Idea]:
    """The best of `ideas` for each contact, by id: a mutual introduction counts for both sides,
    each from their own side, as `ideas(index, activity, focus)` gives it first."""
    best: dict[str, Idea] = {}
    for idea in found:
        for seen in (idea, idea.from_the_other_side()) if idea.mutual else (idea,):
            kept = best.get(seen.contact.id)
            if kept is None or seen.order < kept.order:
                best[seen.contact.id] = seen
    return best


@dataclass(frozen=True)
class Give:
    """`vaultkit give [NAME]`: the ideas, best first (the first `limit`; `more` left off), for
    everyone or for `focus`. `owner` is the owner's own note: without one, only introductions
    and giving back are ideas."""

    today: date
    focus: Contact | None
    ideas: tuple[Idea, ...]
    more: int
    owner: Owner | None

    def as_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "today": self.today.isoformat(),
            "for": self.focus.id if self.focus else None,
            "owner": self.owner.path if self.owner else None,
            "offers": list(self.owner.offers) if self.owner else [],
            "ideas": [idea.as_json() for idea in self.ideas],
            "more": self.more,
        }


def give(index: Index, activity: Activity, focus: str | None = None, limit: int | None = None) -> Give:
    """What you could do for people (for `focus`, for that contact), the best `limit` of it."""
    today = activity.today
    found = ideas(index, activity, focus)
    shown = found if limit is None else found[:limit]
    return Give(today, index.contacts[focus] if focus else None, shown, len(found) - len(shown), index.owner)


def _introductions(index: Index, activity: Activity, focus: str | None) -> list[Idea]:
    """Each contact who needs what another offers: their best need, and whether the other needs
    something of theirs too (`mutual`: listed once, for the one whose need fits best; for
    `focus`, from its side). Pairs who know each other already are left out: there is nobody
    to introduce."""
    found = []
    links = network(index, activity)
    for intro in intros(index, links, focus, activity.today, interests=False).items:
        if intro.connected is not None:
            continue
        for needer, other in ((intro.a, intro.b), (intro.b, intro.a)):
            need = _best_need(intro.because, needer)
            if need is None or focus not in (None, needer.id):
                continue
            back = _best_need(intro.because, other)
            found.append(
                Idea(
                    "intro",
                    needer,
                    need.score + (back.score if back else 0),
                    need.what,
                    need.offer,
                    other,
                    mutual=back is not None,
                    their_need=back.what if back else None,
                    their_offer=back.offer if back else None,
                )
            )
            if back and focus is None:
                break  # the same introduction, seen from the other side
    return found


def _best_need(reasons: tuple[Reason, ...], needer: Contact) -> Reason | None:
    needs = [reason for reason in reasons if reason.kind == "need" and reason.who == needer.name]
    return max(needs, key=lambda reason: reason.score, default=None)
