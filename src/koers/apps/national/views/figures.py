"""The public national view (``/landelijk/``), its CSV download, and the organisation's opt-in page.

The view is public: it is built from public documents (openness, as the Woo asks) and shows no
organisation's own uploads unless that organisation opted in, and then only as one of the
municipalities counted, never named.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from koers.apps.national import figures, participation
from koers.apps.national.forms import GROUP_CHOICES, FilterForm
from koers.apps.organisations.access import requires_role
from koers.apps.organisations.models import Role
from koers.web.charts import Series, time_series
from koers.web.charts.render import DASHES


def filtered(params) -> tuple[FilterForm, figures.Figures | None]:
    """The filters from a query string and the figures they ask for (None when a filter is wrong)."""
    form = FilterForm(params)
    if not form.is_valid():
        return form, None
    options = form.cleaned_data
    data = figures.load(options["doc_type"] or None)
    return form, figures.figures(data, options["group"], form.year_for(data.years))


def national(request):
    form, result = filtered(request.GET)
    if result is None:  # a hand-made URL with a wrong filter: say so and show the defaults
        form, result = FilterForm({}), filtered({})[1]
        form.is_valid()
        messages.error(request, _("Een filter in het adres klopt niet; de standaardweergave wordt getoond."))
    form.offer_years(result.data.years, result.year)
    trend = figures.figures(result.data, "year")
    return render(request, "national/figures.html", {
        "form": form, "result": result, "grouping_label": dict(GROUP_CHOICES)[result.grouping],
        # one year (or a row per year): each municipality once; all years pooled: municipality-years
        "n_label": _("Gemeenten (n)") if result.year or result.grouping == "year" else _("Gemeentejaren (n)"),
        "tables": _tables(result), "trend": _trend_chart(trend), "csv_query": request.GET.urlencode(),
    })


def national_csv(request):
    form, result = filtered(request.GET)
    if result is None:
        return HttpResponse(_("Een filter klopt niet: %(errors)s") % {"errors": form.errors.as_text()},
                            status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(figures.to_csv(result), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="koers-landelijk-{result.grouping}.csv"'
    return response


def _tables(result: figures.Figures) -> list[dict]:
    """Per theme its rows with shares in percent, for the template."""
    return [{"theme": theme, "label": label, "reference": result.reference.get(theme),
             "rows": [{"row": row, "share": figures.percent(row.share),
                       "low": figures.percent(row.low), "high": figures.percent(row.high)}
                      for row in result.rows_for(theme)]}
            for theme, label in result.themes]


def _trend_chart(trend: figures.Figures):
    dashes = list(DASHES)
    series = [Series(label, [(date(int(row.group), 1, 1), 100 * row.share) for row in trend.rows_for(theme)
                             if row.share is not None], dashes[index % len(dashes)])
              for index, (theme, label) in enumerate(trend.themes)]
    chart = time_series(series, title=_("Aandeel gemeenten met expliciete aandacht per jaar"),
                       description=_("Per thema het aandeel gemeenten waarvan een gescand document van dat jaar "
                                     "expliciete aandacht geeft; de cijfers en hun intervallen staan in de "
                                     "tabellen per jaar."),
                       y_label=_("Aandeel gemeenten"), unit="%", decimals=1, yearly=True)
    # The table beside the chart: years, not the dates the time axis needs.
    years = sorted({day.year for line in series for day, _value in line.points})
    return replace(chart, headers=(_("Jaar"), *chart.headers[1:]),
                   rows=tuple((str(year), *row[1:]) for year, row in zip(years, chart.rows)))


@requires_role(Role.ADMIN)
def opt_in(request, organisation):
    if request.method == "POST":
        on = request.POST.get("opt_in") == "on"
        participation.set_opt_in(organisation, on, request.user)
        messages.success(request, _("Uw organisatie doet nu mee aan het landelijk beeld.") if on
                         else _("Uw organisatie doet niet meer mee aan het landelijk beeld."))
        return redirect("national:opt_in", slug=organisation.slug)
    return render(request, "national/opt_in.html", {
        "organisation": organisation, "current": participation.opted_in(organisation),
        "national_url": reverse("national_public:figures"),
    })
