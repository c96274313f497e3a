"""Positions: who is for a proposition, who against, and since when, each point a statement."""
