"""Team views over stored calls: reps, accounts, trends, a coaching queue, next-call plans.

Pure functions of stored call reports (and deals); the CLI and the web call them.

- **coaching queue**: for each rep with at least ``BASELINE_CALLS`` calls, each call's
  index is compared with the rep's own mean (a z-score over their calls); the calls that
  depart most, in either direction, are worth a listen, with the pillar that moved most;
- **multi-threading (B12)** per account: distinct customer people who spoke on a call or
  wrote an email, senior titles reached (C-level, VP, head, director, owner, founder,
  president), and the share of the customer people who were asked a question (named in
  it, or answering it);
- **relationship reach** (the fifth pillar) per account: the mean of people reached
  (four or more score 1), senior title reached (1 or 0) and that share.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .analyzers.discovery import AREAS
from .analyzers.reach import held
from .coaching import question_bank
from .importers.speakers import is_speaker_label, naming_example
from .reports.text import count_calls
from .roles import names_match
from .scoring import PILLARS, ramp
from .store.repository import StoredCall

__all__ = ["BASELINE_CALLS", "account_view", "call_row", "coaching_queue", "own_index", "plan",
           "recurring_coaching", "rep_calls", "rep_view", "team_view", "unnamed_sellers"]

BASELINE_CALLS = 3
SENIOR = re.compile(r"\b(?:chief|c[a-z]o|vp|vice president|president|head|director|owner|"
                    r"founder|partner|general manager|gm|svp|evp)\b", re.IGNORECASE)
KEY_METRICS = ("seller_talk_share", "seller_questions", "follow_up_questions",
               "discovery_areas_covered", "longest_seller_monologue_words", "advice_requests",
               "insight_statements", "pressure_statements", "customer_focus_ratio")


def _mean(values: Iterable[float | None]) -> float | None:
    numbers = [v for v in values if v is not None]
    return round(statistics.fmean(numbers), 3) if numbers else None


def call_row(call: StoredCall, rep: str | None = None) -> dict[str, Any]:
    """A call in a list; in a rep's list its index is the rep's own (``own_index``)."""
    index = own_index(call, rep) if rep else call.report.get("index") or {}
    return {"id": call.id, "title": call.title, "date": call.when.date().isoformat(),
            "sellers": list(call.sellers), "account": call.account,
            "index": index.get("score"), "pillars": index.get("pillars", {})}


def _seller_entry(call: StoredCall, rep: str) -> dict[str, Any] | None:
    """The rep's participant entry with their own figures (reports since index version
    3), on a call with several sellers; None on a call they sold alone (the call's
    figures are theirs) or in an older report."""
    if len(call.sellers) < 2:
        return None
    return next((p for p in call.report.get("participants", ())
                 if p.get("metrics") is not None and names_match(rep, p.get("name", ""))), None)


def own_index(call: StoredCall, rep: str) -> dict[str, Any]:
    """The rep's own index on the call: theirs on a call with several sellers."""
    entry = _seller_entry(call, rep)
    return (entry or {}).get("index") or call.report.get("index") or {}


def _reps(calls: Sequence[StoredCall]) -> dict[str, list[StoredCall]]:
    """Each rep's calls, by the name the calls give them; a seller known only by a
    diarization label ("SPEAKER_00") is nobody's rep: the same label on two calls is
    not the same person (``unnamed_sellers`` lists those calls)."""
    by_rep: dict[str, list[StoredCall]] = defaultdict(list)
    for call in calls:
        for seller in call.sellers:
            if not is_speaker_label(seller):
                by_rep[seller].append(call)
    return dict(by_rep)


def unnamed_sellers(calls: Sequence[StoredCall]) -> list[dict[str, Any]]:
    """The calls with a selling side no rep can be credited with: a seller known only by
    a diarization label, or no seller at all; each with those labels (``labels``)."""
    found = []
    for call in calls:
        labels = [s for s in call.sellers if is_speaker_label(s)]
        if labels or not call.sellers:
            found.append({**call_row(call), "labels": labels})
    return found


_TITLES_SHOWN = 3


def _titles(rows: Sequence[Mapping[str, Any]]) -> str:
    shown = [row["title"] or row["id"][:8] for row in rows[:_TITLES_SHOWN]]
    return ", ".join(shown) + (", …" if len(rows) > _TITLES_SHOWN else "")


def _unnamed_note(unnamed: Sequence[Mapping[str, Any]]) -> list[str]:
    """What the team view leaves out of its reps, and how to put it back."""
    labelled = [row for row in unnamed if row["labels"]]
    parts, fixes = [], []
    if labelled:
        labels = ", ".join(sorted({label for row in labelled for label in row["labels"]}))
        parts.append(f"{count_calls(len(labelled))} ({_titles(labelled)}) sold by a speaker known "
                     f"only by a diarization label ({labels})")
        fixes.append("name the speakers in the call's sidecar (<file>.meta.json: "
                     f"{naming_example('SPEAKER_00')})")
    if len(labelled) < len(unnamed):
        nobody = [row for row in unnamed if not row["labels"]]
        parts.append(f"{count_calls(len(nobody))} ({_titles(nobody)}) with no seller identified")
        fixes.append("name the seller with --seller")
    if not parts:
        return []
    return [f"{' and '.join(parts)}: left out of the reps compared; {' or '.join(fixes)} "
            "and ingest again."]


def coaching_queue(calls: Sequence[StoredCall], limit: int = 10) -> list[dict[str, Any]]:
    """Calls where a rep departs most from their own baseline."""
    queue = []
    for rep, own in _reps(calls).items():
        indexes = {c.id: own_index(c, rep) for c in own}
        scored = [c for c in own if indexes[c.id].get("score") is not None]
        if len(scored) < BASELINE_CALLS:
            continue
        scores = [indexes[c.id]["score"] for c in scored]
        mean, spread = statistics.fmean(scores), statistics.pstdev(scores)
        baselines = {pillar: _mean(indexes[c.id]["pillars"].get(pillar) for c in scored)
                     for pillar in PILLARS}  # once per rep: per call it was quadratic
        for call in scored:
            z = (indexes[call.id]["score"] - mean) / spread if spread else 0.0
            pillars = indexes[call.id]["pillars"]
            moves = {}
            for pillar in PILLARS:
                baseline = baselines[pillar]
                if pillars.get(pillar) is not None and baseline is not None:
                    moves[pillar] = pillars[pillar] - baseline
            pillar = max(moves, key=lambda p: abs(moves[p])) if moves else None
            queue.append({**call_row(call, rep), "rep": rep, "z": round(z, 2),
                          "baseline": round(mean, 1), "direction": "below" if z < 0 else "above",
                          "pillar": pillar,
                          "pillar_change": round(moves[pillar], 1) if pillar else None})
    queue.sort(key=lambda row: -abs(row["z"]))
    return queue[:limit]


def _rep_summary(rep: str, own: Sequence[StoredCall]) -> dict[str, Any]:
    indexes = [own_index(c, rep) for c in own]  # once a call, not once a pillar
    return {
        "rep": rep,
        "calls": len(own),
        "index": _mean(index.get("score") for index in indexes),
        "pillars": {p: _mean(index.get("pillars", {}).get(p) for index in indexes)
                    for p in PILLARS},
        "metrics": {m: _mean(_number(_own_metric(c, rep, m)) for c in own)
                    for m in KEY_METRICS},
        "trend": [{"date": c.when.date().isoformat(), "index": index.get("score")}
                  for c, index in zip(own, indexes, strict=True)],
    }


def _own_metric(call: StoredCall, rep: str, metric: str) -> Any:
    """The call's metric, or the rep's own where the call had several sellers: their
    entry's metrics, or in a report from before those (index version 2) the questions
    they asked and their share of the talk (time, else words)."""
    value = call.report["metrics"].get(metric)
    entry = _seller_entry(call, rep)
    if entry is not None and metric in entry["metrics"]:
        return entry["metrics"][metric]
    if len(call.sellers) < 2 or metric not in ("seller_questions", "seller_talk_share"):
        return value
    people = call.report.get("participants", ())
    me = next((p for p in people if p.get("name") == rep), None)
    if me is None:
        return value
    if metric == "seller_questions":
        return me.get("questions", value)
    if value is None:
        return None
    key = "talk_s" if all(p.get("talk_s") is not None for p in people) else "words"
    total = sum(p.get(key) or 0 for p in people)
    return round((me.get(key) or 0) / total, 3) if total else value


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return float(value)
    return float(value) if isinstance(value, int | float) else None


def team_view(calls: Sequence[StoredCall]) -> dict[str, Any]:
    reps = [_rep_summary(rep, own) for rep, own in sorted(_reps(calls).items())]
    unnamed = unnamed_sellers(calls)
    return {"schema": "salesleader.team-report/1", "calls": len(calls), "reps": reps,
            "trend": [call_row(c) for c in calls], "coaching_queue": coaching_queue(calls),
            "unnamed": unnamed, "notes": _unnamed_note(unnamed)}


def email_panel(emails: Sequence[Any]) -> dict[str, Any]:
    """Follow-ups that lead (B13), summarised: scores, checking in, replies."""
    sent = [e for e in emails if e.side == "seller"]
    threads = {e.thread_id for e in sent}
    replied = {e.thread_id for e in emails if e.side == "customer" and e.thread_id in threads}
    scores = [e.score for e in sent if e.score is not None]
    weakest = sorted((e for e in sent if e.score is not None), key=lambda e: e.score)[:3]
    return {
        "sent": len(sent),
        "mean_score": round(statistics.fmean(scores), 1) if scores else None,
        "checking_in_share": round(sum(1 for e in sent if e.entry["checking_in"]) / len(sent), 3)
        if sent else None,
        "threads": len(threads), "threads_replied": len(replied),
        "weakest": [{"subject": e.entry["subject"], "score": e.score,
                     "reasons": e.entry["reasons"]} for e in weakest],
    }


def recurring_coaching(calls: Sequence[StoredCall], group: str, rep: str | None = None
                       ) -> list[tuple[str, int]]:
    """Coaching items that recur over a rep's calls, most frequent first, counted by index
    part: a weakness is worded by its number ("No insight…" in one call, "Little
    insight…" in the next) and is still one weakness, shown in its most used wording.
    Given the rep, a call shared with another seller gives the rep's own coaching."""
    titles: dict[str, Counter[str]] = defaultdict(Counter)
    for call in calls:  # oldest first: on a tie, the later wording is shown
        entry = _seller_entry(call, rep) if rep else None
        coaching = (entry or {}).get("coaching") or call.report["coaching"]
        for item in coaching.get(group, []):
            titles[item.get("part") or item["title"]][item["title"]] += 1
    counted = [(max(wordings, key=lambda t: (wordings[t], list(wordings).index(t))),
                sum(wordings.values())) for wordings in titles.values()]
    return sorted(counted, key=lambda row: -row[1])


def rep_calls(calls: Sequence[StoredCall], rep: str) -> tuple[str, list[StoredCall]]:
    """The rep's name as the calls spell it ("Ann" -> "Ann Lee") and the calls they sold
    on, in the order given; none for a diarization label ("SPEAKER_00" is no rep)."""
    if is_speaker_label(rep):
        return rep, []
    own = [c for c in calls if any(names_match(rep, s) for s in c.sellers)]
    return next((s for c in own for s in c.sellers if names_match(rep, s)), rep), own


def rep_view(calls: Sequence[StoredCall], rep: str, emails: Sequence[Any] = ()
             ) -> dict[str, Any]:
    name, own = rep_calls(calls, rep)
    strengths = recurring_coaching(own, "strengths", name)
    improvements = recurring_coaching(own, "improvements", name)
    own_emails = [e for e in emails if e.sender and names_match(rep, e.sender)]
    threads = {e.thread_id for e in own_emails}
    own_emails += [e for e in emails if e.side == "customer" and e.thread_id in threads]
    return {"schema": "salesleader.rep-report/1", **_rep_summary(name, own),
            "emails": email_panel(own_emails),
            "call_list": [call_row(c, name) for c in own],
            "recurring_strengths": strengths[:5],
            "recurring_improvements": improvements[:5],
            "coaching_queue": [row for row in coaching_queue(own) if row["rep"] == name]}


def _reach(calls: Sequence[StoredCall], emails: Sequence[Any] = ()) -> dict[str, Any]:
    people: dict[str, dict[str, Any]] = {}
    for email in emails:  # a customer who wrote is reached; one written to, contacted
        for person in email.people:
            is_customer = (person["role"] == "sender") == (email.side == "customer")
            if not is_customer:
                continue
            entry = people.setdefault(person["name"].casefold(), {
                "name": person["name"], "title": None, "spoke": False, "asked": 0, "calls": 0,
                "emailed": False, "wrote": False})
            entry["emailed"] = True
            entry["wrote"] = entry.get("wrote", False) or person["role"] == "sender"
            entry["spoke"] = entry["spoke"] or person["role"] == "sender"
    for call in calls:
        for person in call.report["participants"]:
            if person["side"] != "customer":
                continue
            entry = people.setdefault(person["name"].casefold(), {
                "name": person["name"], "title": person.get("title"), "spoke": False,
                "asked": 0, "calls": 0, "emailed": False, "wrote": False})
            entry["title"] = entry["title"] or person.get("title")
            entry["spoke"] = entry["spoke"] or person["words"] > 0
            entry["asked"] += person.get("asked", 0)
            entry["calls"] += 1 if person["words"] > 0 else 0
    spoke = [p for p in people.values() if p["spoke"]]
    senior = [p for p in spoke if p["title"] and SENIOR.search(p["title"])]
    asked_share = (sum(1 for p in spoke if p["asked"]) / len(spoke)) if spoke else None
    parts = [ramp(len(spoke), 0, 4), 1.0 if senior else 0.0, asked_share]
    usable = [p for p in parts if p is not None]
    return {
        "people": sorted(people.values(), key=lambda p: p["name"]),
        "customer_people_reached": len(spoke),
        "senior_titles_reached": [p["title"] for p in senior],
        "share_asked_a_question": round(asked_share, 3) if asked_share is not None else None,
        "relationship_reach": round(100 * sum(usable) / len(usable), 1) if usable else None,
    }


def account_view(calls: Sequence[StoredCall], account: str, emails: Sequence[Any] = ()
                 ) -> dict[str, Any]:
    own = [c for c in calls if (c.account or "").casefold() == account.casefold()]
    own_emails = [e for e in emails if (e.account_key or "") == account.casefold()]
    coverage = {area: sum((c.report["metrics"].get("discovery_coverage") or {}).get(area, 0)
                          for c in own) for area in AREAS}
    mentions = {area: sum((c.report["metrics"].get("discovery_customer_mentions") or {})
                          .get(area, 0) for c in own) for area in AREAS}
    return {"schema": "salesleader.account-report/1",
            "account": own[0].account if own else account, "calls": len(own),
            "call_list": [call_row(c) for c in own],
            "discovery_coverage": coverage, "customer_mentions": mentions,
            "per_call_coverage": [{"date": c.when.date().isoformat(), "title": c.title,
                                   "coverage": c.report["metrics"].get("discovery_coverage")}
                                  for c in own],
            "multi_threading": _reach(own, own_emails),
            "emails": email_panel(own_emails),
            "index": _mean((c.report.get("index") or {}).get("score") for c in own)}


def plan(calls: Sequence[StoredCall], account: str, emails: Sequence[Any] = ()
         ) -> dict[str, Any]:
    """What to do on the next call with ``account``."""
    view = account_view(calls, account, emails)
    bank = question_bank()
    unexplored = [a for a in AREAS
                  if not view["discovery_coverage"][a] and view["customer_mentions"][a] < 2]
    reach = view["multi_threading"]
    not_reached = [p["name"] for p in reach["people"] if not p["spoke"]]
    not_asked = [p["name"] for p in reach["people"] if p["spoke"] and not p["asked"]]
    open_questions: list[Mapping[str, Any]] = []
    own = [c for c in calls if (c.account or "").casefold() == account.casefold()]
    if own:
        latest = own[-1]
        # The questions the selling side left open (labelled "open" since questions 9;
        # a report from before labels none, and then every question is listed).
        asked = latest.report["evidence"].get("customer_questions", [])
        labelled = any("label" in q for q in asked)
        open_questions = [{"date": latest.when.date().isoformat(), **q} for q in asked
                          if not labelled or q.get("label") == "open"]
    named = _named_not_reached(own, [p["title"] for p in reach["people"]
                                     if p["spoke"] and p["title"]])
    suggested = [bank["areas"][area][0] for area in unexplored[:4]]
    suggested += [f"{name.split()[0]}, how does this look from your side?" for name in not_asked]
    suggested += [f"What would {role['name'] or _addressed(role['role'])} need to see before "
                  "this goes ahead?" for role in named[:NAMED_QUESTIONS]]
    return {"schema": "salesleader.plan/1", "account": view["account"], "calls": view["calls"],
            "unexplored_areas": unexplored, "people_not_reached": not_reached,
            "people_not_asked": not_asked, "roles_named_not_reached": named,
            "open_customer_questions": open_questions, "suggested_questions": suggested}


NAMED_QUESTIONS = 2  # suggested questions about roles the customer named, at most
_FUNCTIONS = {"legal": "your legal team", "procurement": "your procurement team",
              "purchasing": "your purchasing team"}


def _addressed(role: str) -> str:
    """A role as the seller would say it back: "your COO", "your legal team"."""
    return _FUNCTIONS.get(role.casefold(), f"your {role}")


def _named_not_reached(calls: Sequence[StoredCall], titles: Sequence[str]
                       ) -> list[dict[str, Any]]:
    """The roles the customer named as theirs on the account's calls ("our COO", "my
    boss": ``people_mentioned``) that no one who spoke on them holds, each with its first
    mention (date, speaker, quote), in call order."""
    found: dict[str, dict[str, Any]] = {}
    for call in calls:
        for mention in call.report["evidence"].get("people_mentioned", ()):
            role = mention.get("label") or ""
            key = role.casefold()
            if key and key not in found and not held(key, titles):
                found[key] = {"role": role, "name": _name_with(role, mention["quote"]),
                              "date": call.when.date().isoformat(),
                              "speaker": mention["speaker"], "quote": mention["quote"]}
    return list(found.values())


def _name_with(role: str, quote: str) -> str | None:
    """The name said with the role, when there is one: "Our CFO, Helen." or "Helen, our
    CFO" gives "Helen"."""
    escaped = re.escape(role)
    found = (re.search(rf"{escaped},\s+([A-Z][a-z'’-]+)\b", quote)
             or re.search(rf"\b([A-Z][a-z'’-]+),\s+(?:our|my)\s+(?:\w+\s+)?{escaped}\b", quote))
    return found.group(1) if found else None
