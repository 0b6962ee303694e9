"""Bring the input into the run's scratch folder as one local `movies_metadata.csv`.

Inputs: `s3://bucket/key`, `https://` (or `http://`) URLs and local paths; each may be
the CSV itself, the CSV gzip-compressed (`.csv.gz`), or a zip holding `movies_metadata.csv`
at its root or in one folder. Zip and gzip are recognised by their first bytes, not their
names.
Nothing is written outside the destination folder: the extracted file always gets our
own fixed name, and an archive with an entry that points elsewhere (`../`, an absolute
path, a symlink) is refused as a whole, as is one that would expand past the size limit.
"""

from __future__ import annotations

import gzip
import os
import stat
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO
from urllib.parse import urlsplit, urlunsplit

from movies_pipeline.errors import BadInputError, FetchError, UsageError
from movies_pipeline.progress import Progress, Stage

CSV_NAME = "movies_metadata.csv"
DEFAULT_MAX_INPUT_BYTES = 1024**3  # 1 GiB: the full CSV is 34 MB, the official zip about 230 MB
CHUNK_BYTES = 1024 * 1024
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True)
class StagedInput:
    """The input as given (credentials removed) and where its CSV now lies."""

    source: str
    kind: str
    csv_path: Path
    archive_member: str | None = None
    downloaded_bytes: int | None = None


def redact(spec: str) -> str:
    """The input as it may appear in messages, logs and summaries: no user, password or query."""
    parts = urlsplit(spec)
    if parts.scheme not in ("http", "https", "s3"):
        return spec
    host = parts.hostname or ""
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = f"{host}:{port}" if port else host
    if parts.username or parts.password:
        netloc = f"***@{netloc}"
    return urlunsplit((parts.scheme, netloc, parts.path, "***" if parts.query else "", ""))


def input_kind(spec: str) -> str:
    scheme = urlsplit(spec).scheme.lower()
    if scheme in ("s3", "http", "https"):
        return scheme
    if "://" in spec:
        raise UsageError(
            f"unsupported input scheme '{scheme}://'",
            "give an s3:// or https:// URL, or a local .zip or .csv path",
        )
    return "local"


def stage_input(
    spec: str,
    dest_dir: Path,
    progress: Progress,
    *,
    max_bytes: int = DEFAULT_MAX_INPUT_BYTES,
    s3_endpoint_url: str | None = None,
) -> StagedInput:
    """Download or copy `spec` into `dest_dir` and return the path of its movies_metadata.csv."""
    kind = input_kind(spec)
    source = redact(spec)
    dest_dir.mkdir(parents=True, exist_ok=True)
    csv_path = dest_dir / CSV_NAME
    downloaded: int | None = None
    if kind == "local":
        local = Path(spec).expanduser()
        if not local.exists():
            raise BadInputError(f"input not found: {spec}", "check the path, or give an s3:// or https:// URL")
        if not local.is_file():
            raise BadInputError(f"input is not a file: {spec}", "give the .zip or the movies_metadata.csv itself")
        if not os.access(local, os.R_OK):
            raise BadInputError(f"input is not readable: {spec}", "check the file's permissions")
        fetched = local
    else:
        fetched = dest_dir / "download"
        if kind == "s3":
            downloaded = _download_s3(spec, source, fetched, progress, max_bytes, s3_endpoint_url)
        else:
            downloaded = _download_http(spec, source, fetched, progress, max_bytes)

    if fetched.stat().st_size == 0:
        raise BadInputError(
            f"input is empty (0 bytes): {source}", "check that the file was fully downloaded or exported"
        )
    if _is_zip(fetched):
        member = extract_movies_csv(fetched, csv_path, progress, max_bytes=max_bytes, source=source)
        if kind != "local":
            fetched.unlink()
        return StagedInput(source, kind, csv_path, member, downloaded)
    if _starts_with(fetched, GZIP_MAGIC):
        _gunzip(fetched, csv_path, progress, max_bytes=max_bytes, source=source)
        if kind != "local":
            fetched.unlink()
        return StagedInput(source, kind, csv_path, "gzip", downloaded)
    if spec.lower().endswith(".zip") or urlsplit(spec).path.lower().endswith(".zip"):
        raise BadInputError(f"{source} is named .zip but is not a zip archive", "download it again; it may be damaged")
    _check_announced_size(fetched.stat().st_size, max_bytes, source)
    if kind == "local":
        with progress.stage("copy", total=fetched.stat().st_size) as bar, open(fetched, "rb") as src:
            _write_chunks(_read_chunks(src), csv_path, bar, max_bytes, source)
    else:
        fetched.replace(csv_path)
    return StagedInput(source, kind, csv_path, None, downloaded)


def _starts_with(path: Path, magic: bytes) -> bool:
    with open(path, "rb") as handle:
        return handle.read(len(magic)) == magic


def _is_zip(path: Path) -> bool:
    return any(_starts_with(path, magic) for magic in ZIP_MAGIC)


def _gunzip(archive: Path, dest: Path, progress: Progress, *, max_bytes: int, source: str) -> None:
    """Decompress a gzip input to dest, stopping as soon as it expands past max_bytes."""
    try:
        with progress.stage("decompress", total=None) as bar, gzip.open(archive, "rb") as src:
            _write_chunks(_read_chunks(src), dest, bar, max_bytes, f"{source} (decompressed)")
    except (gzip.BadGzipFile, EOFError, zlib.error) as error:
        dest.unlink(missing_ok=True)
        raise BadInputError(f"cannot decompress the gzip file {source}: {error}", "download it again") from error
    except BadInputError:
        dest.unlink(missing_ok=True)
        raise


def _read_chunks(handle: BinaryIO) -> Iterator[bytes]:
    while chunk := handle.read(CHUNK_BYTES):
        yield chunk


def _write_chunks(chunks: Iterable[bytes], dest: Path, bar: Stage, max_bytes: int, source: str) -> int:
    """Write chunks to dest, stopping as soon as more than max_bytes arrive."""
    written = 0
    with open(dest, "wb") as out:
        for chunk in chunks:
            written += len(chunk)
            if written > max_bytes:
                raise BadInputError(
                    f"{source} is larger than the limit of {max_bytes:,} bytes",
                    "raise --max-input-bytes if this file is genuine",
                )
            out.write(chunk)
            bar.update(len(chunk))
    return written


# --- zip archives --------------------------------------------------------------------


def _unsafe_reason(info: zipfile.ZipInfo) -> str | None:
    name = info.filename.replace("\\", "/")
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        return "is a symbolic link"
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return "has an absolute path"
    if ".." in PurePosixPath(name).parts:
        return "points outside the extraction folder"
    return None


def _find_member(infos: list[zipfile.ZipInfo], source: str) -> zipfile.ZipInfo:
    candidates = [
        info
        for info in infos
        if not info.is_dir()
        and PurePosixPath(info.filename).name == CSV_NAME
        and len(PurePosixPath(info.filename).parts) <= 2
        and not info.filename.startswith("__MACOSX/")
    ]
    if not candidates:
        names = ", ".join(info.filename for info in infos[:6]) or "nothing"
        more = ", ..." if len(infos) > 6 else ""
        raise BadInputError(
            f"the zip {source} has no {CSV_NAME} at its root or in one folder (it holds {names}{more})",
            "give the Movies Dataset zip or the movies_metadata.csv itself",
        )
    if len(candidates) > 1:
        raise BadInputError(
            f"the zip {source} holds {len(candidates)} files named {CSV_NAME}",
            "give a zip with one movies_metadata.csv, or the CSV itself",
        )
    return candidates[0]


def extract_movies_csv(archive: Path, dest: Path, progress: Progress, *, max_bytes: int, source: str) -> str:
    """Check every entry of the archive, then extract movies_metadata.csv to dest. Returns its name."""
    damaged_hint = "download it again; the archive is damaged or incomplete"
    try:
        with zipfile.ZipFile(archive) as bundle:
            infos = bundle.infolist()
            for info in infos:
                reason = _unsafe_reason(info)
                if reason:
                    raise BadInputError(
                        f"unsafe zip {source}: entry '{info.filename}' {reason}; nothing was extracted",
                        "use the archive from its official source",
                    )
            member = _find_member(infos, source)
            if member.flag_bits & 0x1:
                raise BadInputError(f"{member.filename} in {source} is encrypted", "give an unencrypted zip")
            if member.file_size > max_bytes:
                raise BadInputError(
                    f"{member.filename} in {source} would expand to {member.file_size:,} bytes, "
                    f"over the limit of {max_bytes:,}",
                    "raise --max-input-bytes if this archive is genuine",
                )
            with progress.stage("extract", total=member.file_size) as bar, bundle.open(member) as src:
                _write_chunks(_read_chunks(src), dest, bar, max_bytes, f"{member.filename} in {source}")
            return member.filename
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as error:
        dest.unlink(missing_ok=True)
        raise BadInputError(f"cannot read the zip {source}: {error}", damaged_hint) from error
    except BadInputError:
        dest.unlink(missing_ok=True)
        raise


# --- downloads -------------------------------------------------------------------------


def _check_announced_size(size: int | None, max_bytes: int, source: str) -> None:
    if size is not None and size > max_bytes:
        raise BadInputError(
            f"{source} is {size:,} bytes, over the limit of {max_bytes:,}",
            "raise --max-input-bytes if this file is genuine",
        )


def _download_http(url: str, source: str, dest: Path, progress: Progress, max_bytes: int) -> int:
    import requests
    from requests.adapters import HTTPAdapter
    from urllib3.util.retry import Retry

    retry = Retry(total=2, connect=2, read=0, status=2, backoff_factor=0.5, status_forcelist=(502, 503, 504))
    host = urlsplit(url).netloc.rpartition("@")[2]
    with requests.Session() as session:
        session.mount("http://", HTTPAdapter(max_retries=retry))
        session.mount("https://", HTTPAdapter(max_retries=retry))
        try:
            with session.get(url, stream=True, timeout=(10, 60)) as response:
                if response.status_code >= 400:
                    raise FetchError(
                        f"HTTP {response.status_code} {response.reason} for {source}",
                        "check the URL"
                        if response.status_code in (404, 410)
                        else "check the URL and that you may read it",
                    )
                length = response.headers.get("Content-Length")
                total = int(length) if length and length.isdigit() else None
                _check_announced_size(total, max_bytes, source)
                with progress.stage("download", total=total) as bar:
                    return _write_chunks(response.iter_content(CHUNK_BYTES), dest, bar, max_bytes, source)
        except requests.exceptions.SSLError as error:
            raise FetchError(
                f"TLS certificate check failed for {host}",
                "if the server uses a private CA, point REQUESTS_CA_BUNDLE at its certificate",
            ) from error
        except (requests.exceptions.ConnectionError, requests.exceptions.Timeout) as error:
            raise FetchError(
                f"could not reach {host} for {source}",
                "check the network and the URL, then run again",
            ) from error
        except requests.exceptions.RequestException as error:
            raise FetchError(f"download of {source} failed ({type(error).__name__})", "check the URL") from error


def _s3_client(endpoint_url: str | None):  # noqa: ANN202 - botocore clients are generated classes
    import boto3
    from botocore import UNSIGNED
    from botocore.config import Config

    session = boto3.session.Session()
    config = Config(
        connect_timeout=10,
        read_timeout=60,
        retries={"max_attempts": 3, "mode": "standard"},
        s3={"addressing_style": "path"} if endpoint_url else {},
    )
    if session.get_credentials() is None:
        # No credentials anywhere in the standard chain: read public buckets anonymously.
        config = config.merge(Config(signature_version=UNSIGNED))
    return session.client(
        "s3",
        region_name=session.region_name or "us-east-1",
        endpoint_url=endpoint_url,
        config=config,
    )


def _download_s3(
    spec: str, source: str, dest: Path, progress: Progress, max_bytes: int, endpoint_url: str | None
) -> int:
    from botocore.exceptions import BotoCoreError, ClientError, ConnectTimeoutError, EndpointConnectionError

    parts = urlsplit(spec)
    bucket, key = parts.netloc, parts.path.lstrip("/")
    if not bucket or not key:
        raise UsageError(f"'{source}' is not a full S3 URI", "write it as s3://bucket/path/to/file.zip")
    try:
        client = _s3_client(endpoint_url)
        response = client.get_object(Bucket=bucket, Key=key)
        body = response["Body"]
        try:
            total = response.get("ContentLength")
            _check_announced_size(total, max_bytes, source)
            with progress.stage("download", total=total) as bar:
                return _write_chunks(body.iter_chunks(CHUNK_BYTES), dest, bar, max_bytes, source)
        finally:
            body.close()
    except ClientError as error:
        code = str(error.response.get("Error", {}).get("Code", ""))
        if code in ("404", "NoSuchKey", "NotFound"):
            raise FetchError(f"{source} does not exist", "check the bucket and key") from error
        if code == "NoSuchBucket":
            raise FetchError(f"bucket '{bucket}' does not exist", "check the bucket name") from error
        if code in ("403", "AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch"):
            raise FetchError(
                f"access to {source} was denied ({code})",
                "check your AWS credentials (AWS_PROFILE or AWS_ACCESS_KEY_ID) or that the object is public",
            ) from error
        raise FetchError(f"S3 refused {source} ({code})", "check the URI and your AWS settings") from error
    except (EndpointConnectionError, ConnectTimeoutError) as error:
        where = endpoint_url or "S3"
        raise FetchError(
            f"could not reach {redact(where)} for {source}",
            "check the network, or --s3-endpoint-url for an S3-compatible store",
        ) from error
    except BotoCoreError as error:
        raise FetchError(f"download of {source} failed ({type(error).__name__})", "check your AWS settings") from error


__all__ = ["CSV_NAME", "DEFAULT_MAX_INPUT_BYTES", "StagedInput", "extract_movies_csv", "redact", "stage_input"]
