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


def test_docs_every_option_the_readme_shows_exists():
    """Each `salesleader COMMAND … --option` in the README's code (blocks and inline) names
    an option that command has: a renamed or removed option fails here, not for a user."""
    group = get_command(app)
    snippets = re.findall(r"`([^`\n]*salesleader [^`\n]*)`", README)
    snippets += [line for block in re.findall(r"```(?:bash|sh)?\n(.*?)```", README, re.DOTALL)
                 for line in block.splitlines() if "salesleader " in line]
    checked, unknown = 0, []
    for snippet in snippets:
        for found in re.finditer(r"salesleader ([a-z][a-z-]*)((?: [^ #]+)*)", snippet):
            command = group.commands.get(found.group(1))  # type: ignore[attr-defined]
            if command is None:  # prose: "salesleader reads English…"
                continue
            words = found.group(2).split()
            if words and words[0] in getattr(command, "commands", {}):
                command = command.commands[words.pop(0)]
            options = {"--help"} | {o for p in command.params
                                    for o in (*p.opts, *getattr(p, "secondary_opts", ()))}
            for word in words:
                if word.startswith("--"):
                    checked += 1
                    name = word.split("=")[0].rstrip(",.;:)`")
                    if name not in options:
                        unknown.append((command.name, name))
    assert checked >= 8 and not unknown, unknown  # (8: the parse still finds them)
