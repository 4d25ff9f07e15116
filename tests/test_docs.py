"""The README stays true: its test command is what CI runs; every command is documented."""

from __future__ import annotations

import re
from pathlib import Path

from typer.main import get_command

from salesleader.cli import app

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _bash_blocks() -> list[str]:
    return re.findall(r"```bash\n(.*?)```", README, flags=re.DOTALL)


def test_docs_ci_runs_the_readme_test_command_verbatim():
    test_command = next(b.strip() for b in _bash_blocks() if "pytest" in b)
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci_lines


def test_docs_every_cli_command_appears_in_the_readme():
    group = get_command(app)
    for name in group.commands:  # type: ignore[attr-defined]
        assert f"salesleader {name}" in README, f"'salesleader {name}' is not in the README"


def test_docs_every_metric_is_defined_in_the_readme(data):
    from salesleader import analyze

    report = analyze(data / "vtt" / "teams_voice_tags.vtt")
    for name in report.metrics:
        assert f"`{name}`" in README or f"`{name.rsplit('_', 1)[0]}" in README, name


def test_docs_every_setting_is_documented():
    from salesleader.config import Config

    def fields(model, prefix=""):
        for name, field in model.model_fields.items():
            if name == "source":
                continue
            annotation = field.annotation
            if isinstance(annotation, type) and hasattr(annotation, "model_fields"):
                yield f"[{prefix}{name}"  # [team], [index.weights]: a table
                yield from fields(annotation, f"{prefix}{name}.")
            else:
                yield name

    for setting in fields(Config):
        assert setting in README, f"setting {setting!r} is not in the README"
