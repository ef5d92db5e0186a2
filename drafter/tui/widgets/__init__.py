"""Widgets of the drafter UI."""
