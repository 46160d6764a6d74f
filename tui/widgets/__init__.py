"""Widgets and dialogs that more than one screen uses."""
