"""Clients and invoices: windows, dialogs and the invoice PDF."""
