"""SIGTERM and SIGHUP during a conversation end it as cancelled (130), with the draft kept,
even when the interrupt they raise comes out of a library as another error."""

import os
import signal

import pytest

from coachcli.cli.start import terminate_as_interrupt
from coachcli.core.errors import Cancelled


def _signal_then(error: Exception):
    """A library's clean-up: the interrupt is raised in it, and it raises ``error`` instead."""
    try:
        os.kill(os.getpid(), signal.SIGTERM)
    except KeyboardInterrupt:
        raise error from None
    raise AssertionError("the handler did not run")


def test_an_interrupt_turned_into_another_error_still_ends_as_cancelled():
    with pytest.raises(KeyboardInterrupt) as stopped, terminate_as_interrupt():
        _signal_then(RuntimeError("event loop is closed"))
    assert isinstance(stopped.value.__cause__, RuntimeError)


def test_what_the_conversation_says_about_the_interrupt_is_kept():
    with pytest.raises(Cancelled, match="kept as a draft"), terminate_as_interrupt():
        _signal_then(Cancelled("cancelled; what you typed is kept as a draft"))


def test_an_error_without_a_signal_is_left_as_it_is():
    with pytest.raises(RuntimeError, match="a bug"), terminate_as_interrupt():
        raise RuntimeError("a bug")


def test_the_handlers_before_are_put_back():
    before = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGHUP)
    with terminate_as_interrupt():
        assert signal.getsignal(signal.SIGTERM) not in before
    assert (signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGHUP)) == before
