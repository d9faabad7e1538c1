"""An organisation's own decision model: trained from its fully reviewed documents, versioned,
switched on and off. Scans use the active model only while the codebook it was trained on is
still the organisation's codebook; otherwise they fall back to the shipped model.
"""

from __future__ import annotations

import importlib.util
import logging

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _, ngettext

from koers.apps.agenda import reviews
from koers.apps.agenda.models import ModelTraining, OrganisationModel
from koers.apps.agenda.scanning import codebook_for

log = logging.getLogger(__name__)

MIN_DOCUMENTS = 20  # fewer reviewed documents give curves that mostly repeat the shipped ones


class TrainingError(ValueError):
    """Training cannot start or finish; the message says why in Dutch."""


def check_ready(organisation) -> int:
    """The number of fully reviewed documents; TrainingError when training cannot start."""
    if importlib.util.find_spec("sklearn") is None:
        raise TrainingError(_("Een eigen model leren vraagt scikit-learn, dat op deze server niet is "
                              "geïnstalleerd (pakket koers[train]). Vraag de beheerder van de server."))
    codebook = codebook_for(organisation)
    count = len(reviews.labelled_documents(organisation, list(codebook.theme_ids)))
    if count < MIN_DOCUMENTS:
        raise TrainingError(ngettext(
            "Er is %(count)d volledig beoordeeld document; voor een eigen model zijn er minstens %(min)d nodig.",
            "Er zijn %(count)d volledig beoordeelde documenten; voor een eigen model zijn er minstens %(min)d nodig.",
            count) % {"count": count, "min": MIN_DOCUMENTS})
    return count


def train(organisation, user) -> OrganisationModel:
    """Scan the fully reviewed documents again, fit a model on the reviews, store it as the active version."""
    from koers.scan import scan_file
    from koers.scan.calibration import fingerprint
    from koers.scan.train import TrainError, train_model

    check_ready(organisation)
    codebook = codebook_for(organisation)
    examples = []
    for document, labels in reviews.labelled_documents(organisation, list(codebook.theme_ids)):
        try:
            path = document.file.path
        except (ValueError, NotImplementedError):
            continue
        result = scan_file(path, codebook, document=document.original_name)  # the codebook's own verdicts
        if result.error is None:
            examples.append((result, labels))
    if len(examples) < MIN_DOCUMENTS:
        raise TrainingError(_("Van de beoordeelde documenten zijn er maar %(count)d te lezen; er zijn er minstens "
                              "%(min)d nodig.") % {"count": len(examples), "min": MIN_DOCUMENTS})
    try:
        model = train_model(examples, codebook)
    except TrainError as exc:
        raise TrainingError(str(exc)) from None
    with transaction.atomic():
        latest = OrganisationModel.objects.filter(organisation=organisation).aggregate(v=Max("version"))["v"] or 0
        _switch_off(organisation)
        return OrganisationModel.objects.create(
            organisation=organisation, version=latest + 1, model=model, documents=len(examples),
            codebook_fingerprint=fingerprint(codebook), trained_by=user, active=True)


def _switch_off(organisation) -> None:
    # save() per model rather than update(): every switch is in the audit trail.
    for stored in OrganisationModel.objects.filter(organisation=organisation, active=True):
        stored.active = False
        stored.save(update_fields=["active"])


def activate(organisation, version: int) -> OrganisationModel:
    stored = OrganisationModel.objects.filter(organisation=organisation, version=version).first()
    if stored is None:
        raise TrainingError(_("Er is geen eigen model met versie %(version)s.") % {"version": version})
    with transaction.atomic():
        _switch_off(organisation)
        stored.active = True
        stored.save(update_fields=["active"])
    return stored


def use_default(organisation) -> None:
    """Back to the shipped model; the organisation's versions stay listed."""
    with transaction.atomic():
        _switch_off(organisation)


def active_model(organisation, codebook) -> tuple[OrganisationModel | None, str]:
    """The active model when it fits ``codebook``, and a Dutch warning when one is set aside."""
    from koers.scan.calibration import fingerprint

    stored = OrganisationModel.objects.filter(organisation=organisation, active=True).first()
    if stored is None:
        return None, ""
    if stored.codebook_fingerprint != fingerprint(codebook):
        return None, _("Het codeboek is gewijzigd sinds eigen model %(version)d werd geleerd; de scan gebruikt "
                       "daarom het standaardmodel. Leer een nieuw model of zet het codeboek terug.") % {
            "version": stored.version}
    return stored, ""


def request_training(organisation, user) -> ModelTraining:
    """Check that training can start, record the request and send it to the worker."""
    from koers.apps.agenda.tasks import train_organisation_model

    check_ready(organisation)
    request = ModelTraining.objects.create(organisation=organisation, requested_by=user)
    train_organisation_model.delay(request.pk)
    return request


def run_training(training_id: int) -> str:
    """What the Celery task does: train as the user who asked (for the audit trail) and record the
    outcome on the request, so a failure in the background is shown on the page, not only logged."""
    from koers.apps.audit.context import SYSTEM_ACTOR, acting_as

    request = ModelTraining.objects.select_related("organisation", "requested_by").filter(pk=training_id).first()
    if request is None or request.outcome != ModelTraining.Outcome.QUEUED:
        return "skipped"
    with acting_as(request.requested_by or SYSTEM_ACTOR):
        try:
            request.result = train(request.organisation, request.requested_by)
            request.outcome, request.message = ModelTraining.Outcome.DONE, ""
        except TrainingError as exc:
            request.outcome, request.message = ModelTraining.Outcome.FAILED, str(exc)
        except Exception:  # noqa: BLE001 - a bug must end as "failed" on the page, not as "bezig" forever
            log.exception("training %s crashed", training_id)
            request.outcome = ModelTraining.Outcome.FAILED
            request.message = _("Interne fout tijdens het leren; probeer het opnieuw of meld het de beheerder.")
        request.finished_at = timezone.now()
        request.save(update_fields=["result", "outcome", "message", "finished_at"])
    return request.outcome
