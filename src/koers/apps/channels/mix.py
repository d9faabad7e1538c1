"""What the stored channel data means: rows for the engine, the share series and the inclusion warnings.

The engine (``koers.effects.channels``) wants the supply on the count rows. A count row gets the
supply entry in force for its period: the latest entry at or before it for its service and channel,
else the latest one for every service (service ""). Supply without counts in a period is not seen.
"""

from __future__ import annotations

from collections import defaultdict

from koers.apps.channels.models import ChannelCount, ChannelSupply
from koers.apps.channels.recording import threshold_of
from koers.effects.channels import ChannelPeriod, inclusion_warnings


def rows(organisation) -> list[ChannelPeriod]:
    supplies = defaultdict(list)  # (service, channel) -> entries, oldest first
    for supply in ChannelSupply.objects.filter(organisation=organisation).order_by("period"):
        supplies[supply.service, supply.channel].append(supply)

    def in_force(service, channel, period):
        for key in ((service, channel), ("", channel)):
            found = [s for s in supplies.get(key, ()) if s.period <= period]
            if found:
                return found[-1]
        return None

    result = []
    for count in ChannelCount.objects.filter(organisation=organisation).order_by("period", "service", "channel"):
        supply = in_force(count.service, count.channel, count.period)
        result.append(ChannelPeriod(count.period, count.service, count.channel, count.group, count.contacts,
                                    supply.capacity if supply else None, supply.opening_hours if supply else None))
    return result


def warnings(organisation, data: list[ChannelPeriod] | None = None):
    """The organisation's active inclusion warnings, with its own threshold."""
    return inclusion_warnings(rows(organisation) if data is None else data, threshold_of(organisation))
