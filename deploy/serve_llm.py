"""Start vLLM's OpenAI-compatible server for one pinned unit of deploy/models.yaml.

Usage: python deploy/serve_llm.py [--unit qwen2.5-7b] [--port 8000] [--dry-run] [-- VLLM ARGS]
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

MODELS_YAML = Path(__file__).with_name("models.yaml")
NO_VLLM = (
    "vLLM is not installed here: pip install 'shopassist[gpu]' on a machine with a CUDA GPU, "
    "or run the vllm/vllm-openai image (deploy/docker-compose.yml)."
)


def load_config(path: Path = MODELS_YAML) -> dict[str, Any]:
    """The parsed models.yaml."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def build_command(
    config: dict[str, Any],
    unit: str,
    *,
    host: str = "0.0.0.0",
    port: int = 8000,
    template_dir: str | None = None,
) -> list[str]:
    """The `vllm serve …` argv for one unit."""
    units = config["units"]
    if unit not in units:
        raise SystemExit(f"unknown unit {unit!r}; choose one of: {', '.join(units)}")
    spec = units[unit]
    command = ["vllm", "serve", spec["model"], "--served-model-name", spec["served_model_name"]]
    command += ["--host", host, "--port", str(port)]
    command += ["--enable-auto-tool-choice", "--tool-call-parser", spec["tool_call_parser"]]
    if spec.get("chat_template"):
        directory = template_dir or config["template_dir"]
        command += ["--chat-template", f"{directory.rstrip('/')}/{spec['chat_template']}"]
    command += ["--max-model-len", str(spec["max_model_len"])]
    command += ["--gpu-memory-utilization", str(spec["gpu_memory_utilization"])]
    return command + [str(arg) for arg in spec.get("extra_args", [])]


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, then print (--dry-run) or exec the vLLM server."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unit", help="a unit of models.yaml (default: its `default`)")
    parser.add_argument("--host", default="0.0.0.0")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--template-dir", help="directory with vLLM's examples/*.jinja")
    parser.add_argument("--config", type=Path, default=MODELS_YAML)
    parser.add_argument("--dry-run", action="store_true", help="print the command, run nothing")
    argv = sys.argv[1:] if argv is None else argv
    split = argv.index("--") if "--" in argv else len(argv)
    args = parser.parse_args(argv[:split])
    config = load_config(args.config)
    unit = args.unit or config["default"]
    command = build_command(
        config, unit, host=args.host, port=args.port, template_dir=args.template_dir
    )
    command += argv[split + 1 :]
    if args.dry_run:
        print(shlex.join(command))
        return 0
    executable = shutil.which("vllm")
    if executable is None:
        sys.exit(NO_VLLM)
    if "--chat-template" in command:
        template = Path(command[command.index("--chat-template") + 1])
        if not template.is_file():
            sys.exit(
                f"chat template {template} not found: pass --template-dir DIR, the examples/ "
                "directory of a vLLM checkout of the installed version"
            )
    served = config["units"][unit]["served_model_name"]
    print(f"unit {unit}: clients set SHOPASSIST_LLM_MODEL={served}", file=sys.stderr, flush=True)
    os.execv(executable, command)


if __name__ == "__main__":
    sys.exit(main())
