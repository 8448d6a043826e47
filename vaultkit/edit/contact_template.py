"""The template `vaultkit new` fills in: Jinja2, sandboxed, with a `yaml` filter for values.

The shipped `contact.md` is used unless the vault has `.vaultkit/templates/contact.md`. A vault
may come from someone else, so its template runs in Jinja's sandbox.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vaultkit.edit import yamltext
from vaultkit.errors import EXIT_FAILED, TemplateError
from vaultkit.shipped import shipped_templates

OVERRIDE = ".vaultkit/templates/contact.md"
SHIPPED = "contact.md"


class ContactTemplateError(TemplateError):
    """The contact template cannot be read or rendered, so no note is written."""

    exit_code = EXIT_FAILED
    consequence = "nothing was written"


@dataclass(frozen=True)
class ContactTemplate:
    source: str
    # Where the template came from, as messages show it.
    origin: str

    def render(self, **values: Any) -> str:
        """Fill in the template; ContactTemplateError names the template line that failed."""
        import jinja2  # only `new` and `import` render the contact template
        from jinja2.sandbox import SandboxedEnvironment

        newline = "\r\n" if "\r\n" in self.source else "\n"
        environment = SandboxedEnvironment(
            undefined=jinja2.StrictUndefined, keep_trailing_newline=True, newline_sequence=newline
        )
        environment.filters["yaml"] = to_yaml
        try:
            return environment.from_string(self.source).render(**values)
        except jinja2.TemplateSyntaxError as exc:
            raise ContactTemplateError(self.origin, exc.lineno, f"template error: {exc.message}") from None
        except jinja2.TemplateError as exc:
            raise ContactTemplateError(self.origin, _template_line(exc), f"template error: {exc}") from None


def load_contact_template(root: Path) -> ContactTemplate:
    override = root / OVERRIDE
    if override.is_file():
        try:
            return ContactTemplate(override.read_text(encoding="utf-8-sig"), OVERRIDE)
        except (OSError, UnicodeDecodeError) as exc:
            raise ContactTemplateError(OVERRIDE, None, f"cannot read the template: {exc}") from None
    return ContactTemplate(
        (shipped_templates() / SHIPPED).read_text("utf-8"), f"vaultkit/templates/{SHIPPED}"
    )


def to_yaml(value: Any) -> str:
    """The `yaml` filter: a value written so that the front matter reads it back unchanged."""
    if isinstance(value, (list, tuple)):
        return yamltext.flow_list([str(item) for item in value])
    if value is None or isinstance(value, bool):
        return yamltext.scalar(value)
    return yamltext.scalar(str(value))


def _template_line(exc: Exception) -> int | None:
    # Jinja rewrites tracebacks so that template frames carry the template's line numbers.
    frames = [frame for frame in traceback.extract_tb(exc.__traceback__) if frame.filename == "<template>"]
    return frames[-1].lineno if frames else None
