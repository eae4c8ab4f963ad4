"""FirmAgent: a foreign firm in a host country — its identity and its status.

A firm's state (status, assets, tolerance, months idle, pending sale) lives in the model's
per-firm arrays (:class:`model.firms.FirmState`), so that all firms decide at once in one
compiled pass; the rules of those decisions are in :mod:`model.mechanisms.firms`
(``decisions``: operate, suspend, sell, re-enter) and are applied by the ``firms`` phase
(:mod:`model.firms`). A FirmAgent is the firm as Mesa and the browser see it: who it is, and
its status and assets now.
"""

from __future__ import annotations

from enum import IntEnum

import mesa


class FirmStatus(IntEnum):
    OPERATING = 0
    SUSPENDED = 1
    EXITED = 2


class FirmAgent(mesa.Agent):
    """A firm: identity (id, name, home, host, sector); its state lives in FirmState[index]."""

    def __init__(self, model, index: int, fid: str, name: str, home: str, host: str,
                 sector: str) -> None:
        super().__init__(model)
        self.index, self.fid, self.name = index, fid, name
        self.home, self.host, self.sector = home, host, sector

    @property
    def status(self) -> FirmStatus:
        return FirmStatus(int(self.model.firms.status[self.index]))

    @property
    def assets(self) -> float:
        return float(self.model.firms.assets[self.index])
