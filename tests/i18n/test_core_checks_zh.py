"""The Qt-free checks' sentences (a dropped file that is missing, empty or of the wrong kind, a key
that is another provider's, an error line, the Verging queue's stored texts) come out in Chinese
with their names and figures kept, and exactly the English ones without a translation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale

from verging_desktop.core import filetypes as ft
from verging_desktop.core.errors import InputError, RateLimited
from verging_desktop.core.keystore import Profile
from verging_desktop.core.providers import VARG, VERGING, foreign_key_problem
from verging_desktop.core.stored_text import shown, stored
from verging_desktop.jobs.queue import INTERRUPTED, MAY_EXIST, NOT_SENT
from verging_desktop.services.errors import check_minimum_balance, error_line
from verging_desktop.ui import i18n


@pytest.fixture
def no_translation_after(qapp: Any) -> Iterator[None]:
    yield
    i18n.uninstall()
    QLocale.setDefault(QLocale.system())


def _refusal(fn: Any, *args: Any, **kw: Any) -> str:
    with pytest.raises(InputError) as e:
        fn(*args, **kw)
    return str(e.value)


def _sentences(tmp_path: Path) -> dict[str, str]:
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    clip = tmp_path / "clip.png"
    clip.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64)
    bmp = tmp_path / "old.bmp"
    bmp.write_bytes(b"BM" + b"\x00" * 64)
    photo = tmp_path / "photo.mp3"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    vrg = "vrg_sk_" + "x" * 20
    try:
        check_minimum_balance("Chat", 5, 2)
    except Exception as e:  # MinimumBalance
        minimum = error_line(e)
    return {
        "missing": _refusal(ft.existing_file, tmp_path / "gone.mp4", "video"),
        "empty": _refusal(ft.check_image, empty),
        "video": _refusal(ft.check_image, clip),
        "bmp": _refusal(ft.check_image, bmp),
        "stt": _refusal(ft.check_audio_for_stt, photo),
        "prompt": _refusal(ft.check_prompt, "  "),
        "foreign": foreign_key_problem(vrg, VARG),
        "rate": error_line(RateLimited("slow down")),
        "minimum": minimum,
        "session": Profile("studio", "session").label,
        "stored": shown(stored(MAY_EXIST, reason=stored(NOT_SENT, reason="OSError: gone"))),
        "interrupted": shown(INTERRUPTED),
    }


def test_the_checks_follow_the_language(no_translation_after: None, qapp: Any, tmp_path: Path) -> None:
    english = _sentences(tmp_path)
    assert english["missing"] == f"The video {tmp_path / 'gone.mp4'} does not exist. Check the path."
    assert english["empty"] == f"The image {tmp_path / 'empty.png'} is empty (0 bytes)."
    assert english["video"] == "clip.png is a video, not an image. Choose a picture (jpeg, png, webp)."
    assert english["bmp"] == "old.bmp is a BMP image; this tool takes JPEG, PNG, WEBP. Convert it first."
    assert english["stt"] == "photo.mp3 is an image, not audio. Choose a recording (mp3, mp4, mpeg, mpga, m4a, wav, webm)."
    assert english["prompt"] == "The prompt is empty. Write what you want."
    assert english["foreign"] == (f"That looks like a {VERGING.label} key (it starts with vrg_sk_), not a varg key: "
                                  f"varg needs its own key, from {VARG.website_host}.")
    assert english["rate"] == "Too many requests (429): the server asked us to slow down. Retry in a moment."
    assert english["minimum"] == ("Chat needs a balance of at least 5 credits before sending; yours is 2. "
                                  "Nothing was sent. Buy credits on verging.ai, then retry.")
    assert english["session"] == "studio (this session only)"
    assert english["stored"] == ("The job could not be sent (OSError: gone). Nothing was charged. The job may exist "
                                 "all the same; looking for it in your job list.")

    assert i18n.install("zh_CN") == "zh_CN"
    chinese = _sentences(tmp_path)
    assert chinese["missing"] == f"视频 {tmp_path / 'gone.mp4'} 不存在。请检查路径。"
    assert chinese["empty"] == f"图片 {tmp_path / 'empty.png'} 是空的（0 字节）。"
    assert chinese["video"] == "clip.png 是视频，不是图片。请选择一张图片（jpeg、png、webp）。"
    assert chinese["bmp"] == "old.bmp 是 BMP 图片；此工具只接受 JPEG、PNG、WEBP。请先转换。"
    assert chinese["stt"] == "photo.mp3 是图片，不是音频。请选择一段录音（mp3、mp4、mpeg、mpga、m4a、wav、webm）。"
    assert chinese["prompt"].startswith("提示词")
    assert chinese["foreign"] == (f"这个密钥看起来是 {VERGING.label} 密钥（以 vrg_sk_ 开头），而不是 varg 密钥：varg "
                                  f"需要自己的密钥，可在 {VARG.website_host} 获取。")
    assert chinese["rate"] == "请求过多（429）：服务器要求放慢速度。请稍后重试。"
    assert chinese["minimum"] == ("聊天在发送前需要至少 5 积分的余额；你的余额为 2。未发送任何内容。"
                                  "请在 verging.ai 购买积分后重试。")
    assert chinese["session"] == "studio（仅限本次会话）"
    assert chinese["stored"].endswith("（OSError: gone）。未扣费。该任务仍可能已创建；正在你的任务列表中查找。")
    assert chinese["interrupted"] == "发送被中断；该任务可能已创建。请在 verging.ai 上查看你的任务。"
