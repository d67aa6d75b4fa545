"""The maintenance panel's tabs (one module each) and what they share."""
