"""Agents: identity and decisions (states; firms in a later layer)."""
