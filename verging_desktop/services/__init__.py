"""Orchestration that combines ``api``, ``media`` and ``core`` for the AI tools. No Qt.

The desktop tabs (``ui/tools/``) and the ``verging`` command use the same functions, so long
text to speech and large speech to text behave the same everywhere:

- ``services.tts``:       :func:`split_text` (sentence, then word boundaries, <= 4096 chars),
                          :func:`plan_tts` (per-chunk estimates), :class:`TtsRun` (synthesize every
                          chunk, download, join with ffmpeg; a failed chunk stops the run)
- ``services.stt``:       :func:`plan_stt` (send as is, extract, convert, compact or split, with the
                          size and cost shown first), :class:`SttRun` (prepare with ffmpeg, send every
                          part, offset segment times)
- ``services.subtitles``: ``to_txt``, ``to_srt``, ``to_vtt`` from timed segments
- ``services.chat_store``: conversations saved as JSON files, written atomically, never a key
- ``services.vision``:    :func:`prepare_image` (bmp/tiff/... converted to PNG), token estimates
- ``services.errors``:    :func:`error_line`, one readable line for any error, and whether a
                          retry (a user action, never automatic) makes sense
- ``services.files``:     atomic text writes
- ``services.varg_inputs``: :func:`check_request` (every bad varg input, before anything is sent),
                          :func:`downscale_image` (a JPEG copy of an image over 50 MB)
- ``services.varg_cost``: :class:`VargCost` estimates in cents (varg's price list, the local table),
                          BYOK and "probably from cache" free; :func:`cents_text`, :func:`outcome_text`
- ``services.varg_cache``: the app's key of a request and the 30-day memory of requests sent

Progress is reported with plain :class:`~verging_desktop.core.errors.Progress` snapshots.
"""
