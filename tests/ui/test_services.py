"""The typed services the screens find on the context."""

from __future__ import annotations

import dataclasses

import pytest

from guardian.assets import load_catalog
from guardian.ui.context import AppContext
from guardian.ui.family_alerts import unsent_alerts
from guardian.ui.services import Services


def test_every_service_is_none_by_default() -> None:
    services = Services()
    fields = dataclasses.fields(services)
    assert fields, "Services names its services"
    assert {f.name: getattr(services, f.name) for f in fields} == {f.name: None for f in fields}


def test_services_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        Services().outbox = object()  # type: ignore[misc, assignment]


def test_the_context_holds_typed_services_and_settings(speaker, tmp_path) -> None:
    ctx = AppContext(load_catalog(), speaker)
    assert isinstance(ctx.services, Services) and ctx.services == Services()
    assert ctx.data_dir is None and ctx.bank_hotline is None and ctx.person_name == ""
    assert not ctx.prepare_ahead and not ctx.setup_pending

    opener = Services(file_opener=lambda url: True)
    ctx = AppContext(
        load_catalog(),
        speaker,
        services=opener,
        data_dir=tmp_path,
        bank_hotline="ccb",
        person_name="妈妈",
    )
    assert ctx.services is opener
    assert (ctx.data_dir, ctx.bank_hotline, ctx.person_name) == (tmp_path, "ccb", "妈妈")


def test_a_service_made_later_is_kept_once_and_the_others_stay(speaker) -> None:
    def opener(url: object) -> bool:
        return True

    ctx = AppContext(load_catalog(), speaker, services=Services(file_opener=opener))
    keeper = unsent_alerts(ctx)
    assert ctx.services.unsent_alerts is keeper
    assert unsent_alerts(ctx) is keeper, "one keeper for the whole app"
    assert ctx.services.file_opener is opener
