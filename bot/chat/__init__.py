"""Chat use cases: what the assistant says and does for each flow, independent of Rasa."""
