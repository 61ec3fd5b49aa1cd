"""Package data: per-language rules and word lists."""
