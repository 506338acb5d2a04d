"""One typed settings object, read once from `SHOPASSIST_*` environment variables."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[1]
DEMO_SHOP_DIR = REPO_ROOT / "data" / "demo"


class Settings(BaseSettings):
    """Everything configurable. The CLI only parses arguments into this object."""

    model_config = SettingsConfigDict(env_prefix="SHOPASSIST_", extra="ignore")

    home: Path = Field(
        default=Path("~/.local/share/shopassist").expanduser(),
        description="State directory: SQLite file, Chroma store, rejects, reports.",
    )
    database_url: str | None = Field(
        default=None, description="SQLAlchemy URL; default is a SQLite file under HOME."
    )
    chroma_url: str | None = Field(
        default=None, description="http://host:port of a `chroma run` server; default embedded."
    )
    embed_batch_size: int = 64
    embed_device: str = "cpu"
    embed_int8: bool = Field(
        default=True,
        description="Embed with an int8-quantized ONNX export (about 2x faster on CPU, cosine "
        "0.99 to the exact model); false: the exact float32 model. Changing it re-embeds.",
    )

    llm_base_url: str | None = Field(
        default=None, description="OpenAI-compatible endpoint, e.g. http://gpu:8000/v1 (vLLM)."
    )
    llm_model: str = "Qwen/Qwen2.5-7B-Instruct"
    llm_api_key: SecretStr = SecretStr("EMPTY")
    llm_timeout_s: float = 20.0
    llm_max_retries: int = 1
    llm_temperature: float = 0.0

    locale: str = Field(
        default="en-US",
        description="The shop's locale (BCP 47, e.g. de-DE, pt-BR): how its customers write "
        "numbers and dates. The currency comes from the shop's products.",
    )

    max_tool_calls_per_turn: int = 8
    max_message_chars: int = 4000
    verify_max_attempts: int = Field(
        default=3, description="Failed verifications in one conversation before a hand-off."
    )
    verify_by: Literal["auto", "email", "order", "both"] = Field(
        default="auto",
        description="What a visitor verifies with, besides the postal code: the account's "
        "email, an order id, or either; auto: email when the shop's customers have emails, "
        "else an order id.",
    )
    verify_account_failures: int = Field(
        default=5, description="Failed verifications of one account before it is locked."
    )
    verify_client_failures: int = Field(
        default=20, description="Failed verifications from one client (IP) before it is locked."
    )
    verify_window_s: float = Field(
        default=3600.0, description="Failures older than this no longer count."
    )
    verify_lock_s: float = Field(
        default=900.0, description="First lockout; each further one doubles (backoff)."
    )
    verify_lock_max_s: float = Field(default=86400.0, description="Longest lockout.")

    secret_key: SecretStr | None = None
    demo_mode: bool = True
    agent_username: str = "agent"
    agent_password: SecretStr | None = None
    token_ttl_s: int = 3600
    widget_resume_s: int = Field(
        default=86400,
        description="How long a widget tab may resume its conversation after a reload (the "
        "signed session link lives in the tab's sessionStorage).",
    )
    rate_limit_per_minute: float = 30.0
    rate_limit_burst: int = 10
    client_rate_limit_per_minute: float = 120.0
    client_rate_limit_burst: int = 60

    @property
    def shop_locale(self) -> str | None:
        """The locale when one was configured, else None (the shop's currency decides)."""
        return self.locale if "locale" in self.model_fields_set else None

    @property
    def sqlalchemy_url(self) -> str:
        """The database URL actually used."""
        return self.database_url or f"sqlite:///{self.home / 'shop.db'}"

    @property
    def chroma_path(self) -> Path:
        """Where the embedded Chroma store lives."""
        return self.home / "chroma"

    def ensure_home(self) -> Path:
        """Create the state directory if needed and return it."""
        self.home = self.home.expanduser()
        self.home.mkdir(parents=True, exist_ok=True)
        return self.home


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (tests clear the cache)."""
    return Settings()
