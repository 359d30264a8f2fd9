"""The bank format as a JSON Schema (draft-07, what the YAML language server
reads), generated from the same pydantic models the loader validates with, so
editors flag exactly what the build would reject, as the author types."""

from __future__ import annotations

import json
from typing import Any

from pydantic.json_schema import GenerateJsonSchema

from .model import Bank

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
SCHEMA_FILE = "bank.schema.json"


class _Draft07(GenerateJsonSchema):
    def generate(self, schema: Any, mode: Any = "validation") -> Any:
        result = super().generate(schema, mode)
        definitions = result.pop("$defs", {})  # draft-07 keeps shared parts under "definitions"
        return {"$schema": DRAFT_07, **result, "definitions": definitions}


def bank_schema() -> dict[str, Any]:
    schema = Bank.model_json_schema(ref_template="#/definitions/{model}", schema_generator=_Draft07)
    schema["title"] = "quizgen question bank"
    schema["description"] = (
        "A lesson's self-check: quizzes/X.yml belongs to the lesson X.md. See AUTHORING.md for every key."
    )
    cleaned: dict[str, Any] = _draft07(schema)
    return cleaned


def bank_schema_text() -> str:
    return json.dumps(bank_schema(), indent=2, ensure_ascii=False) + "\n"


def _draft07(node: Any) -> Any:
    """Remove keywords draft-07 does not know, which pydantic writes for newer drafts."""
    if isinstance(node, dict):
        node.pop("discriminator", None)  # an OpenAPI keyword; oneOf with const "type" already decides
        return {key: _draft07(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_draft07(item) for item in node]
    return node
