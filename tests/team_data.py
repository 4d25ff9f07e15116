"""A generated team: transcripts with sidecars and a deals CSV, for store and report tests.

Reps differ in style (leading versus pitching), so their indexes differ; every call has
an account and a date so deals can be linked by account and date.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

LEADING = [
    "Walk me through how your team handles {topic} today.",
    "What would change for your customers if {topic} were solved?",
    "You mentioned {topic}. What happens when it goes wrong?",
    "Why is {topic} a priority now?",
    "It sounds like {topic} is costing you renewals. Is that fair?",
    "What we're seeing across the industry is that teams who fix {topic} first cut churn.",
    "It depends on what matters most to you; one option is a small pilot.",
]
PITCHING = [
    "Our platform has dashboards, automation, integrations and an AI module for {topic}.",
    "Let me show you our product, the analytics module and the mobile app.",
    "If you sign by Friday I can give you a discount, the offer expires this month.",
    "Does that make sense?",
]
CUSTOMER = [
    "Honestly {topic} has been painful since we grew, our customers complain every week.",
    "We lost two accounts last quarter and both mentioned {topic} in the exit call.",
    "What would you recommend we look at first?",
    "Okay.",
    "The board wants a plan for {topic} before January.",
]
TOPICS = ["onboarding", "the claims queue", "billing errors", "support backlog", "renewals"]
REPS = {"Ann Lee": LEADING, "Bo Grant": PITCHING, "Cy Park": LEADING + PITCHING}


def write_team(folder: Path, calls_per_rep: int = 4, seed: int = 7) -> dict[str, object]:
    rnd = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    start = date(2026, 1, 5)
    deals = []
    written = []
    for r, (rep, lines) in enumerate(REPS.items()):
        for k in range(calls_per_rep):
            account = f"Account {r}{k}"
            customer = f"Dana {chr(65 + r)}{k} Ruiz"
            day = start + timedelta(days=7 * k + r)
            topic = rnd.choice(TOPICS)
            turns = []
            for _ in range(8):
                turns.append((rep, rnd.choice(lines).format(topic=topic)))
                turns.append((customer, rnd.choice(CUSTOMER).format(topic=topic)))
            path = folder / f"{rep.split()[0].lower()}_{k}.txt"
            path.write_text("\n".join(f"{s}: {t}" for s, t in turns) + "\n", encoding="utf-8")
            (folder / f"{path.name}.meta.json").write_text(json.dumps({
                "title": f"{account} call {k}", "account": account,
                "started_at": f"{day.isoformat()}T15:00:00Z",
                "participants": [{"name": rep, "side": "seller"},
                                 {"name": customer, "title": "VP Operations"},
                                 {"name": f"Silent {r}{k}", "title": "CFO"}],
            }), encoding="utf-8")
            won = lines is LEADING or (lines is not PITCHING and k % 2 == 0)
            deals.append({"Opportunity ID": f"OPP-{r}{k}", "Account Name": account,
                          "Opportunity Owner": rep, "Amount": str(20000 + 1000 * k),
                          "Stage": "Closed Won" if won else "Closed Lost",
                          "Created Date": (day - timedelta(days=20)).isoformat(),
                          "Close Date": (day + timedelta(days=10)).isoformat()})
            written.append(path)
    csv_path = folder.parent / "deals.csv"
    headers = list(deals[0])
    csv_path.write_text(",".join(headers) + "\n" + "\n".join(
        ",".join(d[h] for h in headers) for d in deals) + "\n", encoding="utf-8")
    return {"files": written, "deals_csv": csv_path, "deals": deals}
