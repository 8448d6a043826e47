"""Who is linked to whom, and who could help whom: the network, paths, hubs, introductions,
what you could give, goals and meet-ups."""
