"""Upload and codebook forms. Files are checked one by one so one bad file spoils nothing else."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from koers.apps.agenda.models import DocType
from koers.web.uploads import too_large


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        if not files:
            raise forms.ValidationError(_("Kies ten minste één bestand."), code="required")
        return list(files)  # per-file checks happen in check_upload, so good files still go through


class UploadForm(forms.Form):
    files = MultipleFileField(label=_lazy("Documenten"), required=False)
    doc_type = forms.ChoiceField(label=_lazy("Soort document"), choices=DocType.choices,
                                 initial=DocType.BEGROTING)
    year = forms.IntegerField(label=_lazy("Jaar"), required=False, min_value=1990, max_value=2100,
                              help_text=_lazy("Het jaar waarover het document gaat, bijvoorbeeld 2025."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].widget.attrs.update({
            "accept": ",".join(sorted(supported_extensions())),
            "aria-describedby": "id_files_helptext",
        })
        self.fields["year"].initial = timezone.localdate().year


def supported_extensions() -> frozenset[str]:
    from koers.scan.extract import SUPPORTED_EXTENSIONS

    return frozenset(SUPPORTED_EXTENSIONS)


@dataclass(frozen=True)
class Rejected:
    name: str
    reason: str


def check_upload(upload) -> str | None:
    """The Dutch reason a file cannot be accepted, or None when it is fine."""
    extension = os.path.splitext(upload.name)[1].lower()
    allowed = supported_extensions()
    if extension not in allowed:
        shown = extension or _("zonder extensie")
        return _("het bestandstype %(ext)s wordt niet ondersteund (toegestaan: %(allowed)s)") % {
            "ext": shown, "allowed": ", ".join(sorted(allowed))}
    if problem := too_large(upload):
        return problem
    if upload.size == 0:
        return _("het bestand is leeg")
    return unreadable(upload, extension)


def unreadable(upload, extension: str) -> str | None:
    """The engine's reason when the file cannot be opened (corrupt, encrypted), from its first page.

    Refusing such a file at once gives the uploader the reason on the spot instead of a failed
    document later; problems further inside the file still surface in the background scan.
    """
    from koers.scan.extract import probe

    if hasattr(upload, "temporary_file_path"):  # large uploads are on disk already
        path = upload.temporary_file_path()
        reason = probe(path)
    else:
        with tempfile.NamedTemporaryFile(suffix=extension) as copy:
            for chunk in upload.chunks():
                copy.write(chunk)
            copy.flush()
            path = copy.name
            reason = probe(path)
    upload.seek(0)
    return reason.replace(path, upload.name) if reason else None  # users know their own file name


class CodebookForm(forms.Form):
    text = forms.CharField(label=_lazy("Codeboek (TOML)"), widget=forms.Textarea(attrs={
        "rows": 30, "cols": 100, "spellcheck": "false", "class": "koers-code"}))

    def clean_text(self):
        from koers.scan import CodebookError
        from koers.scan.codebook import parse_codebook

        text = self.cleaned_data["text"].replace("\r\n", "\n")
        try:
            parse_codebook(text, "codeboek")
        except CodebookError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from None
        return text
