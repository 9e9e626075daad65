"""ffmpeg and probing. No Qt imports; subprocesses are asyncio and cancellable."""
