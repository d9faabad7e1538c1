"""The effects engines: target paths, projection, status and channel mix, in plain Python.

No web framework: the indicators app stores the data and calls these functions.

- ``targets``: ``TargetPoint``, ``target_at``, ``next_target`` (target paths).
- ``projection``: ``Projection``, ``project`` (a robust trend with an 80 % interval).
- ``status``: ``Status``, ``Assessment``, ``assess`` (op koers / let op / uit koers).
- ``channels``: ``CHANNELS``, ``DIGITAL``, ``digital_share``, ``inclusion_warnings``, ``share_series``.

Every public function raises ``EffectsError`` (a ``ValueError``) with a Dutch message for bad
input and nothing else. The method and its assumptions: ``docs/effects.md``.
"""

from koers.effects.errors import EffectsError

__all__ = ["EffectsError"]
