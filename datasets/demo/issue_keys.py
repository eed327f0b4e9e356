"""The keys each demo issue stores (graph/receptions/issues.py `stored_keys`): the ids of its
reception or visit, venue, booking, campaign, enterprise, unit, industry and suggestion, its
month and packed statistics facts. The API's writers store them as they write; the demo writes
issues in the stored format, so its parts add them here from the rows' own links."""

from __future__ import annotations

from collections.abc import Iterable

from graph.kernel.dataset import Dataset
from graph.receptions.issues import stored_keys

# (relation key, start label, end label) → the key the issue's end id is stored as.
_ISSUE_LINKS = {
    ("RAISED_AT", "Issue", "Activity"): "activityId",
    ("FROM_BOOKING", "Issue", "Booking"): "bookingId",
    ("IN_CAMPAIGN", "Issue", "Campaign"): "campaignId",
    ("RAISED_BY", "Issue", "Enterprise"): "enterpriseId",
    ("ISSUE_ASSIGNED_TO", "Issue", "Unit"): "unitId",
    ("ESCALATED_TO", "Issue", "Proposal"): "proposalId",
}


def _ends(datasets: Iterable[Dataset], key: tuple[str, str, str]) -> dict[str, str]:
    """Each start's end along `key`; of several, the first by id (as REFRESH_KEYS takes)."""
    ends: dict[str, str] = {}
    for data in datasets:
        for rel, start, end, rows in data.get("rels", []):
            if (rel, start, end) == key:
                for row in rows:
                    old = ends.get(row["start"])
                    ends[row["start"]] = row["end"] if old is None else min(old, row["end"])
    return ends


def with_issue_keys(built: Dataset, new: Dataset) -> Dataset:
    """`new` with the stored keys set on each of its issues (links looked up in both)."""
    both = (built, new)
    held_at = _ends(both, ("HELD_AT", "Activity", "Venue"))
    booked_at = _ends(both, ("BOOKED_AT", "Booking", "Venue"))
    codes = {
        row["id"]: row["code"] for data in both for row in data.get("nodes", {}).get("Industry", [])
    }
    links = {name: _ends(both, key) for key, name in _ISSUE_LINKS.items()}
    # of several industries, the first by code (as REFRESH_KEYS takes)
    industries: dict[str, str] = {}
    for data in both:
        for rel, start, end, rows in data.get("rels", []):
            if (rel, start, end) == ("IN_INDUSTRY", "Issue", "Industry"):
                for row in rows:
                    code, old = codes[row["end"]], industries.get(row["start"])
                    industries[row["start"]] = code if old is None else min(old, code)
    for issue in new.get("nodes", {}).get("Issue", []):
        ids = {name: found.get(issue["id"]) for name, found in links.items()}
        activity, booking = ids["activityId"], ids["bookingId"]
        ids["industryCode"] = industries.get(issue["id"])
        ids["venueId"] = (held_at.get(activity) if activity else None) or (
            booked_at.get(booking) if booking else None
        )
        issue.update(stored_keys(issue, ids))
    return new
