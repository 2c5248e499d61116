"""The demo library: about forty practices of the five states (data only; see :mod:`..demo`).

Subjects follow the public UN and OSCE texts about the network and the region (youth,
online recruitment, women, religious leaders, returnees, community policing, prisons,
national strategies); the sentences are written for this demo. Each entry: state, type,
year, topics, target groups, original language, status, visibility, English text,
Russian text (either may be ``None``: the practice exists in one language only).

One module per state, then :mod:`.more`. Their order is kept: it sets each practice's
date and author in the demo.
"""

from __future__ import annotations

from typing import Any

from . import kazakhstan, kyrgyzstan, more, tajikistan, turkmenistan, uzbekistan

PRACTICES: list[dict[str, Any]] = [
    *kazakhstan.PRACTICES,
    *kyrgyzstan.PRACTICES,
    *tajikistan.PRACTICES,
    *turkmenistan.PRACTICES,
    *uzbekistan.PRACTICES,
    *more.PRACTICES,
]
