"""Upload and column-mapping forms of the import screens."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from exportdesk.imports.mapping import MappingError, check_mapping, fields_for
from exportdesk.imports.models import ImportJob
from exportdesk.imports.parsing import ACCEPTED_EXTENSIONS, format_size, max_upload_bytes

IGNORE = ""


class UploadForm(forms.Form):
    """Kind of data and the file."""

    kind = forms.ChoiceField(label=_("What does the file contain?"), choices=ImportJob.Kind.choices)
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV, TSV or Unicode text (.txt) from Excel, or an Excel workbook (.xlsx)."),
    )

    def __init__(self, *args: Any, kinds: Sequence[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["kind"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(k, label) for k, label in ImportJob.Kind.choices if k in kinds]
        self.fields["file"].widget.attrs["accept"] = ",".join(ACCEPTED_EXTENSIONS)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        limit = max_upload_bytes()
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is %(size)s; files up to %(limit)s can be imported."),
                params={"size": format_size(upload.size), "limit": format_size(limit)},
                code="too_big",
            )
        return upload


class MappingForm(forms.Form):
    """One choice per file column: the field it fills, or nothing."""

    def __init__(
        self,
        *args: Any,
        job: ImportJob,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.job = job
        specs = fields_for(job.kind)
        choices = [(IGNORE, _("— do not import —"))] + [
            (spec.key, f"{spec.label} *" if spec.required else spec.label) for spec in specs
        ]
        by_column = {index: key for key, index in (job.mapping or {}).items()}
        samples = (job.preview or {}).get("sample", [])
        self.columns: list[dict[str, Any]] = []
        for index, header in enumerate(job.headers):
            name = f"col_{index}"
            self.fields[name] = forms.ChoiceField(
                label=header or _("Column %(number)s") % {"number": index + 1},
                choices=choices,
                required=False,
                initial=by_column.get(index, IGNORE),
            )
            self.fields[name].widget.attrs["class"] = "form-select form-select-sm"
            self.columns.append(
                {
                    "index": index,
                    "header": header,
                    "field": self[name],
                    "samples": [row[index] for row in samples if index < len(row) and row[index]],
                }
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        mapping: dict[str, int] = {}
        for column in self.columns:
            key = cleaned.get(f"col_{column['index']}") or IGNORE
            if key == IGNORE:
                continue
            if key in mapping:
                raise forms.ValidationError(
                    _("Two columns are mapped to the same field; choose one of them."),
                    code="duplicate",
                )
            mapping[key] = column["index"]
        try:
            check_mapping(mapping, self.job.kind, self.job.headers)
        except MappingError as exc:
            raise forms.ValidationError(str(exc), code="mapping") from exc
        cleaned["mapping"] = mapping
        return cleaned


class ConfirmForm(forms.Form):
    """Start the import; "valid rows only" when the check found problems."""

    valid_only = forms.BooleanField(label=_("Import the valid rows only"), required=False)
