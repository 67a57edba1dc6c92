"""Jinja templates and styles of the renderers, packaged as ``generator.templates``."""
