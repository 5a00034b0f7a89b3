"""``settings.effective``: every setting's value in this process, as a fresh process is configured."""

from __future__ import annotations

from multipolar import settings


def test_effective_holds_every_setting_and_this_process_overrides(monkeypatch):
    monkeypatch.setattr(settings, "_overrides", dict(settings._overrides))
    settings.configure(batch_size=3)
    values = settings.effective()
    assert set(values) == {s.name for s in settings.SETTINGS}
    assert values["batch_size"] == 3
    assert values["nlp_batch_size"] == settings.get("nlp_batch_size")
