"""Effect steering: indicators with target paths, their measurements and status (issue 11).

Goals are the portfolio's :class:`koers.apps.portfolio.models.Goal` (a tree through ``parent``): one
set of goals for initiatives and indicators. This app shows the goal tree and goal pages because a
goal page needs its indicators. Status and forecast come from the framework-free ``koers.effects``.
"""
