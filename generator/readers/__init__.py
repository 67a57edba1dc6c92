"""Readers: each turns one kind of input into a Report plus findings and source locations."""
