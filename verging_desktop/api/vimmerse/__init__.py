"""The Vimmerse v2 video API (``../shared/specs/vimmerse-v2.md``)."""
