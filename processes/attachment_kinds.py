"""The kinds of file a petitioner may attach online: documents, pictures, sound and video recordings.

A petition's evidence is a scanned letter, a photo of a wage slip, a contract, a recording of a
conversation. A program, a web page or an archive is none of these, and staff would have to open it
to know: it is refused when the petition is sent, by its name's ending, with the names of the files.
"""
from __future__ import annotations

from collections.abc import Iterable

from processes.errors import AttachmentKindRefused, Said

DOCUMENTS = (".pdf", ".ofd", ".doc", ".docx", ".wps", ".xls", ".xlsx", ".et", ".odt", ".ods", ".rtf", ".txt")
PICTURES = (".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".heic", ".heif")
RECORDINGS = (".mp3", ".m4a", ".amr", ".wav", ".aac", ".mp4", ".mov", ".3gp", ".m4v")
ACCEPTED = DOCUMENTS + PICTURES + RECORDINGS


def accepted(filename: str) -> bool:
    """Return whether a file with this name is of a kind a petitioner may attach."""
    return filename.strip().lower().endswith(ACCEPTED)


def check_kinds(filenames: Iterable[str]) -> None:
    """Refuse files of a kind a petitioner may not attach, naming them."""
    refused = [name for name in filenames if not accepted(name)]
    if refused:
        names = ", ".join(refused)
        said = Said(f"These files cannot be attached: {names}. Attach documents (PDF, Word, Excel, text), pictures "
                    "(JPG, PNG, HEIC) or sound and video recordings (MP3, M4A, AMR, MP4).",
                    f"以下文件不能作为附件：{names}。可以提交文档（PDF、DOC、XLS、TXT）、图片（JPG、PNG、HEIC）"
                    "或录音录像（MP3、M4A、AMR、MP4）。")
        raise AttachmentKindRefused("Files of these kinds cannot be attached: %(files)s.", fields=["attachments"],
                                    field_problems={"attachments": said}, files=names)
