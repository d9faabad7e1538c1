"""Selection runs that get stuck or fail can be retried or deleted (page and API), and the run page
and the API show the same rows for a run (one read model, ``portfolio.runs``)."""

from datetime import timedelta

import lxml.html
import pytest
from django.utils import timezone

from koers.apps.audit.models import AuditEntry
from koers.apps.portfolio import decisions, selection
from koers.apps.portfolio.models import Initiative, SelectionRun
from koers.apps.portfolio.tasks import run_selection

from portfolio_helpers import make_portfolio
from test_api_support import API, assert_problem, conforms

RUN_FIELDS = ("state", "task_id", "queued_at", "started_at", "objective")


@pytest.fixture
def portfolio(own):
    framework, items = make_portfolio(own)
    return framework, items


def stored_run(own, framework, **state):
    """A run as a worker would have left it, without computing it (``state`` is written as is)."""
    run = selection.create_run(own, framework, name="Krap", time_limit=5)
    SelectionRun.objects.filter(pk=run.pk).update(**state)
    run.refresh_from_db()
    return run


def long_ago(settings):
    return timezone.now() - timedelta(minutes=settings.KOERS_STUCK_AFTER_MINUTES + 1)


def page(client, run):
    return client.get(f"/organisaties/{run.organisation.slug}/portefeuille/scenarios/{run.pk}/").content.decode()


def post(client, run, what):
    return client.post(f"/organisaties/{run.organisation.slug}/portefeuille/scenarios/{run.pk}/{what}/", follow=True)


def api_url(run, suffix=""):
    return f"{API}/organisations/{run.organisation.slug}/selection-runs/{run.pk}{suffix}"


# --- queued, running, stuck ------------------------------------------------------------------------

def test_queue_and_execute_record_when_the_run_was_queued_and_started(own, portfolio):
    run = selection.queue(selection.create_run(own, portfolio[0], name="Basis"))
    assert run.state == "done" and run.task_id
    assert run.queued_at <= run.started_at <= run.finished_at


def test_a_freshly_queued_run_says_so_and_keeps_polling(own, portfolio, client_for):
    run = stored_run(own, portfolio[0], queued_at=timezone.now())
    body = page(client_for("manager"), run)
    assert "in de wachtrij" in body and "hx-get" in body
    assert "Vastgelopen" not in body and "Opnieuw berekenen" not in body and "Scenario verwijderen" not in body
    assert not run.can_retry


@pytest.mark.parametrize("state", [{"state": "queued"}, {"state": "running"}])
def test_a_run_whose_message_was_lost_or_worker_died_is_stuck(own, portfolio, client_for, settings, state):
    when = long_ago(settings)
    run = stored_run(own, portfolio[0], queued_at=when, started_at=when if state["state"] == "running" else None,
                     **state)
    assert run.is_stuck and run.can_retry and not run.is_pending
    body = page(client_for("manager"), run)
    assert "Vastgelopen" in body and "hx-get" not in body  # no endless polling
    assert "Opnieuw berekenen" in body and "Scenario verwijderen" in body
    assert "Vastgelopen" in client_for("viewer").get(
        f"/organisaties/{own.slug}/portefeuille/scenarios/").content.decode()


def test_a_run_queued_before_queued_at_existed_becomes_stuck_too(own, portfolio, settings):
    run = stored_run(own, portfolio[0], created_at=long_ago(settings))
    assert run.queued_at is None and run.is_stuck


def test_a_viewer_sees_no_buttons_and_may_not_retry(own, portfolio, client_for):
    run = stored_run(own, portfolio[0], state="failed", error="Geen verbinding.")
    assert "Opnieuw berekenen" not in page(client_for("viewer"), run)
    assert post(client_for("viewer"), run, "opnieuw").status_code == 403
    assert post(client_for("viewer"), run, "verwijderen").status_code == 403
    run.refresh_from_db()
    assert run.state == "failed"


# --- retry -----------------------------------------------------------------------------------------

def test_a_manager_retries_a_stuck_run_on_the_page(own, portfolio, client_for, settings):
    run = stored_run(own, portfolio[0], state="queued", queued_at=long_ago(settings), task_id="verloren")
    body = post(client_for("manager"), run, "opnieuw").content.decode()
    run.refresh_from_db()
    assert run.state == "done" and run.selected and run.task_id != "verloren"
    assert "wordt opnieuw berekend" in body and "Selectie met uitleg" in body


def test_a_failed_run_is_retried_through_the_api(own, portfolio, api_client_for):
    run = stored_run(own, portfolio[0], state="failed", error="De berekening is mislukt: weg.")
    response = api_client_for("manager").post(api_url(run, "/retry"))
    assert response.status_code == 202, response.content
    conforms(response)
    assert response.json()["state"] == "done" and response.json()["error"] == ""
    assert response.json()["can_retry"] is False and response.json()["stuck"] is False


def test_a_done_or_pending_run_is_not_retried(own, portfolio, api_client_for, client_for):
    done = selection.queue(selection.create_run(own, portfolio[0], name="Basis"))
    body = assert_problem(api_client_for("manager").post(api_url(done, "/retry")), 409)
    assert "kan nu niet opnieuw worden berekend" in body["detail"]
    pending = stored_run(own, portfolio[0], queued_at=timezone.now(), task_id="bezig")
    post(client_for("manager"), pending, "opnieuw")
    pending.refresh_from_db()
    assert (pending.state, pending.task_id) == ("queued", "bezig")
    assert_problem(api_client_for("viewer").post(api_url(pending, "/retry")), 403)


def test_a_late_message_of_the_task_a_retry_replaced_is_ignored(own, portfolio, settings):
    run = stored_run(own, portfolio[0], state="running", started_at=long_ago(settings), task_id="oud")
    run = selection.retry(run)
    assert run.state == "done" and run.task_id != "oud"
    SelectionRun.objects.filter(pk=run.pk).update(objective=-1.0)  # marks what the retry stored
    before = SelectionRun.objects.values(*RUN_FIELDS).get(pk=run.pk)
    run_selection.apply(args=[run.pk], task_id="oud").get()
    assert SelectionRun.objects.values(*RUN_FIELDS).get(pk=run.pk) == before


# --- delete ----------------------------------------------------------------------------------------

def test_a_manager_deletes_a_failed_run_and_the_audit_trail_records_it(own, portfolio, client_for):
    run = stored_run(own, portfolio[0], state="failed", error="Mislukt.")
    body = post(client_for("manager"), run, "verwijderen").content.decode()
    assert "is verwijderd" in body and not SelectionRun.objects.filter(pk=run.pk).exists()
    entry = AuditEntry.objects.get(model="portfolio.selectionrun", object_id=str(run.pk), action="delete")
    assert entry.actor_name == "manager" and entry.changes["name"] == ["Krap", None]


def test_a_run_a_decision_refers_to_is_not_deleted(own, portfolio, client_for, api_client_for):
    run = selection.queue(selection.create_run(own, portfolio[0], name="Basis"))
    decisions.decide(own, title="Portefeuille 2026", reasoning="Past.", run=run)
    body = post(client_for("manager"), run, "verwijderen").content.decode()
    assert "kan niet worden verwijderd: besluit ‘Portefeuille 2026’ verwijst ernaar" in body
    response = api_client_for("manager").delete(api_url(run))
    problem = assert_problem(response, 409)
    conforms(response)
    assert "Portefeuille 2026" in problem["detail"]
    assert SelectionRun.objects.filter(pk=run.pk).exists()


def test_a_pending_run_is_not_deleted(own, portfolio, api_client_for):
    run = stored_run(own, portfolio[0], queued_at=timezone.now())
    assert "wordt nog berekend" in assert_problem(api_client_for("manager").delete(api_url(run)), 409)["detail"]
    assert SelectionRun.objects.filter(pk=run.pk).exists()


def test_a_done_run_without_decision_is_deleted_through_the_api(own, portfolio, api_client_for):
    run = selection.queue(selection.create_run(own, portfolio[0], name="Basis"))
    assert_problem(api_client_for("viewer").delete(api_url(run)), 403)
    response = api_client_for("manager").delete(api_url(run))
    assert response.status_code == 204
    conforms(response)
    assert not SelectionRun.objects.filter(pk=run.pk).exists()
    assert AuditEntry.objects.filter(model="portfolio.selectionrun", object_id=str(run.pk), action="delete",
                                     actor_name="manager").exists()


# --- one read model --------------------------------------------------------------------------------

def page_rows(client, run) -> dict[str, bool]:
    """Initiative name -> "ja" in the Gekozen column of the run page's selection table."""
    tree = lxml.html.fromstring(page(client, run))
    table = tree.xpath('//section[@aria-labelledby="selectie-titel"]//table')[0]
    return {row.xpath("./th")[0].text_content().strip(): row.xpath("./td")[2].text_content().strip() == "ja"
            for row in table.xpath("./tbody/tr")}


def test_page_and_api_show_the_same_rows_for_a_run_whose_initiatives_changed(own, portfolio, client_for,
                                                                             api_client_for):
    framework, items = portfolio
    run = selection.queue(selection.create_run(own, framework, name="Basis"))
    in_run = {item.pk for item in items.values()}
    chosen = items["Wettelijke archiefplicht"]
    assert chosen.engine_id in run.selected
    # After the run: a chosen initiative is parked, another is deleted, a new candidate arrives.
    Initiative.objects.filter(pk=chosen.pk).update(status=Initiative.Status.PARKED)
    gone = items["Sensoren"]
    gone_id = gone.pk
    gone.delete()
    Initiative.objects.filter(pk=items["Chatbot"].pk).update(title="Chatbot (nieuwe naam)")
    newcomer = Initiative.objects.create(organisation=own, title="Nieuw na de run", problem="-", department="ICT",
                                         status=Initiative.Status.ASSESSMENT)

    response = api_client_for("viewer").get(api_url(run))
    conforms(response)
    api = response.json()["initiatives"]
    by_id = {row["id"]: row for row in api}
    assert set(by_id) == in_run  # exactly the run's initiatives
    assert newcomer.pk not in by_id and by_id[gone_id]["deleted"] and by_id[chosen.pk]["selected"]
    expected = {(f'{row["reference"]} {row["title"]}' if not row["deleted"]
                 else f'initiatief {row["id"]} (verwijderd)'): row["selected"] for row in api}
    assert page_rows(client_for("viewer"), run) == expected
    assert f"{items['Chatbot'].reference} Chatbot (nieuwe naam)" in expected


def test_another_organisations_run_is_not_found_through_the_own_path(own, foreign, portfolio, api_client_for):
    framework, _ = make_portfolio(foreign)
    theirs = stored_run(foreign, framework, state="failed")
    path = f"{API}/organisations/{own.slug}/selection-runs/{theirs.pk}"
    assert_problem(api_client_for("admin").post(path + "/retry"), 404)
    assert_problem(api_client_for("admin").delete(path), 404)
    theirs.refresh_from_db()
    assert theirs.state == "failed"
