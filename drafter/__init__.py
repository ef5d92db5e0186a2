"""drafter: draft consultation responses from reviewed, shared position blocks."""

__version__ = "0.1.0"
