"""Recording decisions: a form for every command of SPEC §2, built from its Struct.

``open_record_picker(app)`` (key ``r``) and ``open_form(app, "sign_agreement", {...})``
are what screens call; ``RecordCommands`` puts "Record: <command>" in the palette.
"""

from tui.forms.form import CommandForm
from tui.forms.picker import RecordCommands, RecordPicker, open_form, open_record_picker

__all__ = ["CommandForm", "RecordCommands", "RecordPicker", "open_form",
           "open_record_picker"]
