"""The production chat model: an OpenAI-compatible endpoint (vLLM on a GPU) via ChatOpenAI."""

from __future__ import annotations

from langchain_core.language_models import BaseChatModel
from langchain_openai import ChatOpenAI

from assistant.config import Settings

MISSING_BASE_URL = (
    "No LLM endpoint is configured: set SHOPASSIST_LLM_BASE_URL=http://HOST:8000/v1 "
    "(a `vllm serve` started by `python deploy/serve_llm.py`), or leave it unset to use "
    "the offline planner."
)


def openai_chat_model(settings: Settings, *, streaming: bool = True) -> BaseChatModel:
    """A ChatOpenAI on `settings.llm_base_url` (Chat Completions, never the Responses API)."""
    if not settings.llm_base_url:
        raise ValueError(MISSING_BASE_URL)
    return ChatOpenAI(
        model=settings.llm_model,
        base_url=settings.llm_base_url,
        api_key=settings.llm_api_key,
        use_responses_api=False,
        timeout=settings.llm_timeout_s,
        max_retries=settings.llm_max_retries,
        temperature=settings.llm_temperature,
        streaming=streaming,
        stream_usage=True,
    )
