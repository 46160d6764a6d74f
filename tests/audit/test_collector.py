"""The replay pauses the cyclic garbage collector (``asfledger.audit.collector.paused``)
and leaves it as it found it, whatever the order in which two replays end."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from asfledger.audit.collector import paused


@pytest.fixture
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_paused_in_the_block_and_running_after(collector_on: None) -> None:
    with paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_two_overlapping_pauses_run_it_again_after_the_last(collector_on: None) -> None:
    first, second = paused(), paused()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    assert not gc.isenabled()  # the second replay still runs
    second.__exit__(None, None, None)
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off(collector_on: None) -> None:
    gc.disable()
    with paused():
        pass
    assert not gc.isenabled()


def test_it_runs_again_after_a_replay_that_raises(collector_on: None) -> None:
    with pytest.raises(KeyError), paused():
        raise KeyError
    assert gc.isenabled()


def test_what_the_replay_left_alive_is_still_collected_when_garbage(collector_on: None) -> None:
    class Node:
        other: object

    with paused():
        a, b = Node(), Node()
        a.other, b.other = b, a  # a cycle, left to the collector
        kept = [a]
        del a, b
    kept.clear()
    assert gc.collect() >= 2
