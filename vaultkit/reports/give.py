"""Give first: what you could do for people now, best first. A need of theirs that you offer
(your own note's `offers`), an introduction to a contact of yours who offers it (best when it
helps both sides), and the people you have only ever taken from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from vaultkit.model import Contact, Index
from vaultkit.reports.balance import balance
from vaultkit.reports.intros import SCORES, Reason, intros
from vaultkit.reports.terms import Term, fit

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

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "contact": self.contact.id,
            "name": self.contact.name,
            "score": self.score,
            "need": self.need,
            "offer": self.offer,
            "other": self.other.id if self.other else None,
            "mutual": self.mutual,
            "their_need": self.their_need,
            "their_offer": self.their_offer,
            "taken": self.taken,
            "last_got": self.last_got.isoformat() if self.last_got else None,
        }


def ideas(index: Index, today: date, focus: str | None = None) -> tuple[Idea, ...]:
    """Every idea for every contact but the archived ones (for `focus`, that contact's), best
    first: by score, then by name."""
    found: list[Idea] = []
    offers = [Term.of(offer) for offer in index.owner.offers] if index.owner else []
    for contact in index.contacts.values():
        if contact.status == "archived" or focus not in (None, contact.id):
            continue
        for need in map(Term.of, contact.needs):
            fits = [(SCORES[how], offer) for offer in offers if (how := fit(need, offer))]
            if fits:
                score, offer = max(fits, key=lambda pair: pair[0])
                found.append(Idea("offer", contact, score + YOURSELF, need.text, offer.text))
    found.extend(_introductions(index, focus, today))
    for account in balance(index, today).only_taking:
        contact = index.contacts[account.contact]
        if focus in (None, contact.id):
            score = GIVE_BACK + min(account.got, MOST_TAKEN) - 1
            found.append(Idea("give_back", contact, score, taken=account.got, last_got=account.last_got))
    found.sort(
        key=lambda idea: (-idea.score, idea.contact.name, idea.kind, idea.other.name if idea.other else "")
    )
    return tuple(found)


def _introductions(index: Index, focus: str | None, today: date) -> list[Idea]:
    """Each contact who needs what another offers: their best need, and whether the other needs
    something of theirs too (`mutual`: listed once, for the one whose need fits best; for
    `focus`, from its side). Pairs who know each other already are left out: there is nobody
    to introduce."""
    found = []
    for intro in intros(index, focus, today).items:
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
                    _score(need) + (_score(back) if back else 0),
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
    return max(needs, key=_score, default=None)


def _score(reason: Reason) -> int:
    return SCORES[fit(Term.of(reason.what), Term.of(reason.offer or "")) or "part"]
