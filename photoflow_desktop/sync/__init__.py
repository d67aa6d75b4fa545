"""Live refresh with the PhotoFlow web app's socket.io server (Qt-free: used by the UI and CLI)."""
