"""Command-line commands that live outside `assistant/cli.py` and are registered there."""
