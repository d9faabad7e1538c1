"""The goal tree and a goal's page (goals are the portfolio's; managers edit them on its pages)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render

from koers.apps.indicators import assessing
from koers.apps.organisations.access import requires_role
from koers.apps.organisations.models import Role
from koers.apps.portfolio.models import Goal


def tree(goals) -> list[tuple]:
    """(goal, subtree) pairs from the roots down; a goal whose parent is not in ``goals`` is a root."""
    ids = {goal.pk for goal in goals}
    children = {}
    for goal in goals:
        children.setdefault(goal.parent_id if goal.parent_id in ids else None, []).append(goal)

    def build(parent_id):
        return [(goal, build(goal.pk)) for goal in children.get(parent_id, [])]

    return build(None)


@requires_role(Role.VIEWER)
def goal_tree(request, organisation):
    goals = list(Goal.objects.filter(organisation=organisation)
                 .prefetch_related("initiatives", "indicators").order_by("order", "code"))
    return render(request, "indicators/goal_tree.html", {"organisation": organisation, "tree": tree(goals)})


@requires_role(Role.VIEWER)
def goal_detail(request, organisation, goal_id):
    goal = get_object_or_404(Goal.objects.select_related("parent"), pk=goal_id, organisation=organisation)
    return render(request, "indicators/goal_detail.html", {
        "organisation": organisation, "goal": goal,
        "children": goal.children.order_by("order", "code"),
        "initiatives": goal.initiatives.order_by("reference", "id"),
        "statuses": assessing.statuses(goal.indicators.all()),
    })
