"""Which database the board shows and how it stays current: connect, switch, live updates."""
