"""ffmpeg and probing. No Qt imports; subprocesses are asyncio and cancellable.

The API lives in the submodules (import them directly; this package imports nothing, so
``media.binaries`` stays light for callers that only need the ffmpeg path):

- ``media.probe``:    ``probe(path) -> MediaInfo``, ``aprobe(path)``
- ``media.cut``:      ``cut(src, dst, start, end, mode="smart") -> CutResult`` (smart/exact/copy)
- ``media.thumbs``:   ``thumbnails(path, count, height)`` -> async iterator of ``Thumb``,
                      ``waveform(path, buckets) -> list[float]``
- ``media.audio``:    ``extract_audio``, ``convert_audio``, ``split_audio``, ``concat_audio``
                      -> ``AudioResult``
- ``media.ffrun``:    ``run_ffmpeg(args, ...)`` (cancellable, with progress), ``FfmpegFailed``
- ``media.binaries``: ``ffmpeg_exe()``
- ``media.h264``:     avcC / NAL helpers used by smart cut
"""
