"""The offline planner: a chat model that plans tool calls by rules and replies from templates."""
