"""Dialogs: importing a file, the import report, exporting a marketing list, settings."""
