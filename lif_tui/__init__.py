"""lif-tui: facilitate evidencing-impact events after child safeguarding practice reviews."""

__version__ = "0.1.0"
