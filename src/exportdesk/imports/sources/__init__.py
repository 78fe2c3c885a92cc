"""One adapter per import source: buyers, orders (with lines) and messages.

Each adapter is a ``plan_<kind>(table, mapping, ctx) -> Plan`` function; ``Plan.apply`` writes.
"""

from __future__ import annotations

from collections.abc import Callable

from exportdesk.imports.parsing import Table
from exportdesk.imports.sources.base import ImportContext, Plan
from exportdesk.imports.sources.buyers import plan_buyers
from exportdesk.imports.sources.messages import plan_messages
from exportdesk.imports.sources.orders import plan_orders

Planner = Callable[[Table, dict[str, int], ImportContext], Plan]

PLANNERS: dict[str, Planner] = {
    "buyers": plan_buyers,
    "orders": plan_orders,
    "messages": plan_messages,
}
# The permission a user needs to import each kind.
PERMISSIONS = {
    "buyers": "buyers.add_buyer",
    "orders": "orders.add_order",
    "messages": "inbox.add_message",
}
