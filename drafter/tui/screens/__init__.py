"""Screens of the drafter UI."""
