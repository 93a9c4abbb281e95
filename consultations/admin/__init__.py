"""The secretariat's screens for the open consultation: each edition's consultation with its meetings and
the topics (``consultation``), three review queues whose decisions go through ``consultations.services``
(``queues``, on ``review``, filtered by ``filters``), their exports, and the synthesis of the
contributions (``synthesis_page``)."""

from . import consultation, queues

__all__ = ["consultation", "queues"]
