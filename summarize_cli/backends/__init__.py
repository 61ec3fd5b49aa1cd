"""Summariser and translator back ends, selected by name from small registries."""
