"""What makes an activity the same activity in two readings of a plan.

The history store saves this key with each activity, and compute compares snapshots
by it; both import it from here (plan is below them both), so they cannot drift.
"""

from __future__ import annotations

from .schema import fold


def activity_key(activity_id: object, name: object) -> str:
    """What matches an activity across snapshots (with its file and sheet): `id:<ID>`
    when the ID is set, else `name:<folded activity name>`, so a renamed activity
    without an ID shows as one removed and one added."""
    if isinstance(activity_id, str) and activity_id.strip():
        return f"id:{activity_id.strip()}"
    return f"name:{fold(name) if isinstance(name, str) else ''}"
