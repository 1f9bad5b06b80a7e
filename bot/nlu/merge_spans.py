"""A Rasa pipeline component that joins product spans split inside one mention.

Listed in ``config.yml`` right after ``DIETClassifier`` (before ``EntitySynonymMapper``, so a
synonym applies to the whole mention). It learns nothing and stores nothing: at parse time it
rewrites the message's entities with :func:`bot.nlu.spans.merge_adjacent_spans`. Rasa imports
it by its dotted name, so the project root must be importable: ``make`` exports
``PYTHONPATH``, the launcher, the live stacks and the Docker image set it, and ``rasa`` itself
puts the working directory on ``sys.path``.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.spans import merge_adjacent_spans


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False
)  # fmt: skip
class MergeProductSpans(GraphComponent):
    """Joins touching spans of the configured entity types (default ``product``)."""

    def __init__(self, config: dict[str, Any]) -> None:
        self._types = tuple(config.get("entities") or ())

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """The entity types whose touching spans are one mention."""
        return {"entities": ["product"]}

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> MergeProductSpans:
        """Creates the component (it has nothing to train or load)."""
        return cls(config)

    def process(self, messages: list[Message]) -> list[Message]:
        """Joins the split spans of each message, in place.

        Args:
            messages: The parsed messages (one per user turn at run time).

        Returns:
            The same messages, each with its entities joined where they touch.
        """
        for message in messages:
            entities = message.get(ENTITIES) or []
            if len(entities) > 1:
                merged = merge_adjacent_spans(
                    message.get(TEXT) or "", entities, self._types, type(self).__name__
                )
                message.set(ENTITIES, merged, add_to_output=True)
        return messages
