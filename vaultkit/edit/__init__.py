"""The only writer of notes, and its one public face: callers import from `vaultkit.edit`.

An edit is planned as bytes (`Edit`), checked by parsing it again, and written atomically;
the modules of this package (the note's lines, YAML values, the log's place, what users type)
are its parts.
"""

from vaultkit.edit.contact_template import (
    SHIPPED_TEMPLATE,
    ContactTemplate,
    ContactTemplateError,
    find_contact_template,
    load_contact_template,
    template_places,
)
from vaultkit.edit.editor import (
    Change,
    Edit,
    EditRefused,
    add_log_entry,
    check_target,
    merge_fields,
    new_contact,
    read,
    set_field,
    snooze,
    write,
)
from vaultkit.edit.fieldinput import (
    InvalidValue,
    NewLogEntry,
    field_value,
    file_stem,
    new_log_entry,
    snooze_date,
)
from vaultkit.edit.logplace import newest_first
from vaultkit.edit.notesplace import unescaped
from vaultkit.edit.propertytypes import PropertyTypes, property_types

__all__ = [
    "SHIPPED_TEMPLATE",
    "Change",
    "ContactTemplate",
    "ContactTemplateError",
    "Edit",
    "EditRefused",
    "InvalidValue",
    "NewLogEntry",
    "PropertyTypes",
    "add_log_entry",
    "check_target",
    "field_value",
    "file_stem",
    "find_contact_template",
    "load_contact_template",
    "merge_fields",
    "new_contact",
    "new_log_entry",
    "newest_first",
    "property_types",
    "read",
    "set_field",
    "snooze",
    "snooze_date",
    "unescaped",
    "template_places",
    "write",
]
