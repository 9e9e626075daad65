"""Plain data shared by every layer: errors, credits, pricing, settings. No Qt, no I/O on import."""
