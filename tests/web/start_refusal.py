"""A setting whose value the app cannot work with stops `xinfang` at start-up with one line."""
from __future__ import annotations

from click.testing import CliRunner


def assert_refused_at_start(monkeypatch, tmp_path, name: str, value: str) -> None:
    """Start the CLI with the setting given `value` and check it stops, saying which setting and why."""
    from web.cli import main

    monkeypatch.setenv("XINFANG_DATABASE_URL", f"sqlite:///{tmp_path / 'unused.sqlite3'}")
    monkeypatch.setenv(name, value)
    result = CliRunner().invoke(main, ["functions"])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {name} must be a whole number from 1 to ")
    assert f"not '{value}'" in result.output and "Traceback" not in result.output
