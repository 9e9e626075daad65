"""Just enough H.264 bitstream knowledge for smart cutting.

A smart cut joins frames re-encoded by x264 with frames copied from the source. Each part has
its own sequence/picture parameter sets (SPS/PPS). We give x264's sets ids the source does not
use (``-x264-params sps-id=N``) and put every set in one MP4 ``avcC`` record, so the joined
stream is a plain, standard ``avc1`` track that any player decodes from the sample description
alone; nothing has to be switched in-band.
"""

from __future__ import annotations

from dataclasses import dataclass, field

NAL_IDR = 5
NAL_SEI = 6
NAL_SPS = 7
NAL_PPS = 8

#: PyAV/FFmpeg profile names -> x264 ``-profile:v`` values
X264_PROFILES: dict[str, str] = {
    "baseline": "baseline",
    "constrained baseline": "baseline",
    "main": "main",
    "high": "high",
    "high 10": "high10",
    "high 4:2:2": "high422",
    "high 4:4:4 predictive": "high444",
}

#: pixel formats libx264 accepts (8 and 10 bit builds)
X264_PIX_FMTS = frozenset(
    {"yuv420p", "yuvj420p", "yuv422p", "yuvj422p", "yuv444p", "yuvj444p", "nv12", "nv16", "nv21",
     "yuv420p10le", "yuv422p10le", "yuv444p10le", "gray", "gray10le"}
)


class H264Error(ValueError):
    """The bitstream is not in a form smart cut can handle (the caller falls back to re-encoding)."""


def _unescape(nal: bytes) -> bytes:
    """Remove emulation-prevention bytes (00 00 03 -> 00 00)."""
    return nal.replace(b"\x00\x00\x03", b"\x00\x00")


class _Bits:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def bit(self) -> int:
        byte = self.pos >> 3
        if byte >= len(self.data):
            raise H264Error("bitstream ended early")
        v = (self.data[byte] >> (7 - (self.pos & 7))) & 1
        self.pos += 1
        return v

    def ue(self) -> int:
        zeros = 0
        while self.bit() == 0:
            zeros += 1
            if zeros > 31:
                raise H264Error("bad exp-Golomb code")
        value = 1
        for _ in range(zeros):
            value = (value << 1) | self.bit()
        return value - 1


def sps_id(sps: bytes) -> int:
    """``seq_parameter_set_id`` of an SPS NAL unit (with its 1-byte NAL header)."""
    if len(sps) < 5 or sps[0] & 0x1F != NAL_SPS:
        raise H264Error("not an SPS")
    return _Bits(_unescape(sps[4:12])).ue()


def pps_ids(pps: bytes) -> tuple[int, int]:
    """``(pic_parameter_set_id, seq_parameter_set_id)`` of a PPS NAL unit."""
    if len(pps) < 2 or pps[0] & 0x1F != NAL_PPS:
        raise H264Error("not a PPS")
    bits = _Bits(_unescape(pps[1:12]))
    return bits.ue(), bits.ue()


@dataclass
class AvcConfig:
    """A parsed ``AVCDecoderConfigurationRecord`` (MP4 ``avcC``)."""

    profile: int
    compatibility: int
    level: int
    length_size: int
    sps: list[bytes] = field(default_factory=list)
    pps: list[bytes] = field(default_factory=list)
    trailer: bytes = b""

    @classmethod
    def parse(cls, data: bytes) -> AvcConfig:
        if len(data) < 7 or data[0] != 1:
            raise H264Error("extradata is not an avcC record (Annex B stream?)")
        length_size = (data[4] & 0x03) + 1
        pos = 5
        sps: list[bytes] = []
        pps: list[bytes] = []
        n = data[pos] & 0x1F
        pos += 1
        for _ in range(n):
            size = int.from_bytes(data[pos:pos + 2], "big")
            sps.append(bytes(data[pos + 2:pos + 2 + size]))
            pos += 2 + size
        n = data[pos]
        pos += 1
        for _ in range(n):
            size = int.from_bytes(data[pos:pos + 2], "big")
            pps.append(bytes(data[pos + 2:pos + 2 + size]))
            pos += 2 + size
        if pos > len(data):
            raise H264Error("truncated avcC record")
        return cls(data[1], data[2], data[3], length_size, sps, pps, bytes(data[pos:]))

    def serialise(self) -> bytes:
        if len(self.sps) > 31 or len(self.pps) > 255:
            raise H264Error("too many parameter sets")
        out = bytearray([1, self.profile, self.compatibility, self.level, 0xFC | (self.length_size - 1)])
        out.append(0xE0 | len(self.sps))
        for s in self.sps:
            out += len(s).to_bytes(2, "big") + s
        out.append(len(self.pps))
        for p in self.pps:
            out += len(p).to_bytes(2, "big") + p
        out += self.trailer
        return bytes(out)

    def used_ids(self) -> set[int]:
        """Every SPS and PPS id in this record (x264 gives its PPS the SPS's id)."""
        ids = {sps_id(s) for s in self.sps}
        for p in self.pps:
            ids.update(pps_ids(p))
        return ids


def free_ids(config: AvcConfig, count: int) -> list[int]:
    """``count`` small ids used by neither the SPS nor the PPS sets of ``config``."""
    used = config.used_ids()
    out = [i for i in range(32) if i not in used][:count]
    if len(out) < count:
        raise H264Error("no free parameter set ids")
    return out


def merge_configs(base: AvcConfig, *others: AvcConfig) -> AvcConfig:
    """``base`` with the parameter sets of ``others`` appended (ids must not clash)."""
    merged = AvcConfig(base.profile, base.compatibility, base.level, base.length_size,
                       list(base.sps), list(base.pps), base.trailer)
    seen = base.used_ids()
    for other in others:
        if other.length_size != base.length_size:
            raise H264Error("NAL length sizes differ")
        ids = other.used_ids()
        if ids & seen:
            raise H264Error(f"parameter set ids clash: {sorted(ids & seen)}")
        seen |= ids
        merged.sps += other.sps
        merged.pps += other.pps
        merged.level = max(merged.level, other.level)
    return merged


def nal_types(packet: bytes, length_size: int = 4) -> list[int]:
    """The NAL unit types in a length-prefixed (AVCC) access unit."""
    types: list[int] = []
    pos = 0
    n = len(packet)
    while pos + length_size <= n:
        size = int.from_bytes(packet[pos:pos + length_size], "big")
        pos += length_size
        if size <= 0 or pos + size > n:
            raise H264Error("malformed length-prefixed NAL unit")
        types.append(packet[pos] & 0x1F)
        pos += size
    return types


def is_idr(packet: bytes, length_size: int = 4) -> bool:
    """True when the access unit holds an IDR slice (decoding can start there)."""
    try:
        return NAL_IDR in nal_types(packet, length_size)
    except H264Error:
        return False
