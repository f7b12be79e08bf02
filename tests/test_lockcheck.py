"""`make test` stops in one line when .venv has drifted from requirements.lock."""
import subprocess
import sys
from pathlib import Path

from tools import lockcheck

ROOT = Path(__file__).resolve().parents[1]


def run(lock: Path, *flags: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "tools" / "lockcheck.py"), *flags, str(lock)],
                          capture_output=True, text=True, timeout=60)


def test_this_environment_matches_the_shipped_lock():
    result = run(ROOT / "requirements.lock")
    assert result.returncode == 0, result.stdout


def test_a_changed_version_and_a_hand_installed_package_are_named_in_one_line(tmp_path):
    text = (ROOT / "requirements.lock").read_text()
    yaml_version = lockcheck.pins(ROOT / "requirements.lock")["pyyaml"]
    lock = tmp_path / "requirements.lock"
    lock.write_text(text.replace(f"pyyaml=={yaml_version}", "pyyaml==5.0.0").replace("pytest==", "not-pytest=="))
    result = run(lock)
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1 and "make clean setup" in lines[0]
    assert f"pyyaml is {yaml_version}, the lock says 5.0.0" in lines[0]


def test_drift_lists_missing_wrong_and_extra_packages():
    found = lockcheck.drift({"a": "1", "b": "2", "c": "3"}, {"a": "1", "b": "2.1", "d": "4", "pathbot": "0"},
                            subset=False)
    assert found == ["b is 2.1, the lock says 2", "c 3 is missing", "d 4 is not in the lock"]
    assert lockcheck.drift({"a": "1", "c": "3"}, {"a": "1", "d": "4"}, subset=True) == []


def test_names_are_compared_as_pip_compares_them(tmp_path):
    lock = tmp_path / "lock.txt"
    lock.write_text("Typing_Extensions==4.0 \\\n    --hash=sha256:00\npython-telegram-bot[webhooks]==22.8 ; python_version < '4'\n")
    assert lockcheck.pins(lock) == {"typing-extensions": "4.0", "python-telegram-bot": "22.8"}


def test_a_missing_lock_is_a_usage_error(tmp_path):
    assert run(tmp_path / "nope.lock").returncode == 2
