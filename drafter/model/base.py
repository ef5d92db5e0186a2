"""What every file model shares: the id patterns and `Strict`, their base."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
NAMESPACE_PATTERN = r"^[a-z0-9-]+$"
DEFAULT_REVIEW_DAYS = 180


class Strict(BaseModel):
    """Base for drafter's file models: unknown keys are errors; docstrings become descriptions."""

    model_config = ConfigDict(extra="forbid", frozen=False, defer_build=True)
