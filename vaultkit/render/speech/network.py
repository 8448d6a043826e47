"""How the network note says its hubs, bridges and groups: as the hubs report does."""

from vaultkit.render.speech.hubs import bridge, heading, hub, only_through, people, sampled

__all__ = ["bridge", "heading", "hub", "only_through", "people", "sampled"]
