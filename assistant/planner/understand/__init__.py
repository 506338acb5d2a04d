"""Learned understanding of a customer message: its intent (a classifier trained on example
utterances kept as data) and its language."""
