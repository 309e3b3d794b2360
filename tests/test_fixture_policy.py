"""Missing outside files skip with a reason away from CI and fail under CI."""

from __future__ import annotations

import pytest
from fixture_policy import need


def test_a_present_file_is_returned(tmp_path):
    assert need(tmp_path) == tmp_path


def test_a_missing_file_skips_with_its_reason(tmp_path, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"needs .*nothing here \(the data\)"):
        need(tmp_path / "nothing here", "the data")


@pytest.mark.parametrize("value", ["true", "1"])
def test_a_missing_file_fails_under_ci(tmp_path, monkeypatch, value):
    monkeypatch.setenv("CI", value)
    with pytest.raises(pytest.fail.Exception, match=r"nothing here .*CI is set, so this fails"):
        need(tmp_path / "nothing here", "the data")
