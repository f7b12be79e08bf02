"""The same bad file gets the same plain message whatever PyYAML/libyaml a machine has.

libyaml 0.2.6 (bundled with PyYAML 6.0.4) refuses deep nesting itself, in its own words; older
builds and the pure-Python parser do not. A commissioner must see our `line:col: message` either way.
"""
import pytest
import yaml

from bot import yaml_source
from bot.yaml_source import YamlProblem

DEEP = [
    "x:\n" + "- " * 2_000 + "1\n",
    "x: " + "{a: " * 2_000 + "1" + "}" * 2_000 + "\n",
    "x: " + "[" * 20_000 + "\n",
    "title: fine\nsteps:\n  - " + "[" * 1_500 + "]" * 1_500 + "\n",
]


def refusal(text: str, loader) -> tuple[int, int, str]:
    old, yaml_source.Loader = yaml_source.Loader, loader
    try:
        with pytest.raises(YamlProblem) as caught:
            yaml_source.load(text)
    finally:
        yaml_source.Loader = old
    return caught.value.line, caught.value.column, caught.value.message


class StrictLibyaml(yaml.SafeLoader):
    """Stands in for a libyaml that refuses nesting at its own (lower) limit, as 0.2.6 does."""
    def get_event(self):
        if len(self.states) > 6:
            raise yaml.scanner.ScannerError("while increasing flow level", None,
                                            "exceeded maximum nesting depth", self.get_mark())
        return super().get_event()


LOADERS = [yaml.SafeLoader, StrictLibyaml] + ([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])


@pytest.mark.parametrize("text", DEEP)
def test_deep_nesting_gets_our_message_at_the_same_place_with_every_loader(text):
    seen = {refusal(text, loader) for loader in LOADERS}
    assert len(seen) == 1, seen
    line, column, message = seen.pop()
    assert message.startswith("nested more than 12 levels deep") and line >= 1 and column >= 1


def test_ordinary_syntax_errors_are_unchanged_by_the_fallback():
    text = "format: 1\narea: [unclosed\n"
    assert len({refusal(text, loader) for loader in LOADERS}) == 1
