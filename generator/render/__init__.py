"""Renderers: each turns a checked Report into one output format."""
