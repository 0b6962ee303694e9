"""Remote inputs against real servers on loopback: an S3-compatible server (moto's
standalone server) holding the official zip layout, and HTTP/HTTPS servers (a throwaway
CA made by trustme signs the HTTPS server's certificate)."""

from __future__ import annotations

import socket
import ssl
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import boto3
import pytest
import trustme
from moto.server import ThreadedMotoServer
from pipeline_helpers import (
    SAMPLE_CSV,
    Place,
    assert_one_line_error,
    aws_free_environment,
    official_layout_zip,
    run_command,
    sha256_of,
)

from movies_pipeline.cli import main
from movies_pipeline.errors import ExitCode

BUCKET = "com.guild.us-west-2.public-data"
KEY = "project-data/the-movies-dataset.zip"
ACCESS_KEY = "AKIAPIPELINETEST0001"
SECRET_KEY = "pipeline-test-secret-must-never-be-logged"
URL_PASSWORD = "url-password-must-never-be-logged"
URL_TOKEN = "url-token-must-never-be-logged"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def official_zip(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("zip") / "the-movies-dataset.zip"
    return official_layout_zip(path, SAMPLE_CSV.read_bytes()).read_bytes()


@pytest.fixture(scope="module")
def s3_endpoint(official_zip: bytes) -> Iterator[str]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-west-2",
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
    )
    client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
    client.put_object(Bucket=BUCKET, Key=KEY, Body=official_zip, ACL="public-read")
    yield endpoint
    server.stop()


@dataclass(frozen=True)
class WebServers:
    http: str
    https: str
    ca_bundle: Path


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory, official_zip: bytes) -> Iterator[WebServers]:
    files = {
        "/the-movies-dataset.zip": official_zip,
        "/movies_metadata.csv": SAMPLE_CSV.read_bytes(),
    }

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server hook name
            body = files.get(self.path.split("?", 1)[0])
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the hook's signature
            pass

    authority = trustme.CA()
    ca_bundle = tmp_path_factory.mktemp("ca") / "ca.pem"
    authority.cert_pem.write_to_path(str(ca_bundle))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1", "localhost").configure_cert(context)

    class QuietServer(ThreadingHTTPServer):
        def handle_error(self, request: object, client_address: object) -> None:
            pass  # a client that stops reading early (the size limit) is expected here

    plain = QuietServer(("127.0.0.1", 0), Handler)
    secure = QuietServer(("127.0.0.1", 0), Handler)
    secure.socket = context.wrap_socket(secure.socket, server_side=True)
    threads = [threading.Thread(target=server.serve_forever, daemon=True) for server in (plain, secure)]
    for thread in threads:
        thread.start()
    yield WebServers(
        http=f"http://127.0.0.1:{plain.server_address[1]}",
        https=f"https://127.0.0.1:{secure.server_address[1]}",
        ca_bundle=ca_bundle,
    )
    for server in (plain, secure):
        server.shutdown()
        server.server_close()


def everything_written(place: Place, *streams: str) -> str:
    texts = list(streams)
    for path in place.root.rglob("*"):
        if path.is_file() and path.suffix in (".log", ".json", ".csv", ".lock"):
            texts.append(path.read_text(errors="replace"))
    return "\n".join(texts)


@pytest.mark.slow
def test_s3_official_zip_is_built_and_published(s3_endpoint: str, official_zip: bytes, place: Place) -> None:
    env = aws_free_environment() | {"AWS_ACCESS_KEY_ID": ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": SECRET_KEY}
    result = run_command(f"s3://{BUCKET}/{KEY}", "--s3-endpoint-url", s3_endpoint, *place.options(), env=env)

    assert result.returncode == 0, result.stderr
    assert "[download] done" in result.stderr and "[extract] done" in result.stderr
    summary = place.summary()
    assert summary["status"] == "success"
    assert summary["input"] | {"csv_records": None} == {
        "source": f"s3://{BUCKET}/{KEY}",
        "kind": "s3",
        "archive_member": "movies_metadata.csv",
        "downloaded_bytes": len(official_zip),
        "csv_bytes": SAMPLE_CSV.stat().st_size,
        "csv_sha256": sha256_of(SAMPLE_CSV),
        "csv_records": None,
        "known_file": "sample",
    }
    assert summary["warehouse"]["published"] == str(place.warehouse)
    assert place.warehouse.exists()
    written = everything_written(place, result.stdout, result.stderr)
    assert SECRET_KEY not in written
    assert ACCESS_KEY not in written


def test_s3_without_credentials_reads_anonymously(s3_endpoint: str, place: Place) -> None:
    # The autouse fixture removed every AWS setting: no credentials anywhere in the chain.
    code = main([f"s3://{BUCKET}/{KEY}", "--s3-endpoint-url", s3_endpoint, "--check-only", *place.options()])
    assert code == ExitCode.OK
    assert place.summary()["input"]["known_file"] == "sample"


def test_s3_endpoint_from_the_standard_environment_variable(
    s3_endpoint: str, place: Place, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL_S3", s3_endpoint)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", ACCESS_KEY)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET_KEY)
    assert main([f"s3://{BUCKET}/{KEY}", "--check-only", *place.options()]) == ExitCode.OK


@pytest.mark.parametrize(
    ("uri", "fragment"),
    [
        (f"s3://{BUCKET}/project-data/missing.zip", "does not exist"),
        ("s3://no-such-bucket-for-pipeline-tests/x.zip", "does not exist"),
        (f"s3://{BUCKET}", "not a full S3 URI"),
    ],
)
def test_s3_missing_object(
    s3_endpoint: str, published_place: Place, capsys: pytest.CaptureFixture[str], uri: str, fragment: str
) -> None:
    before = sha256_of(published_place.warehouse)
    code = main([uri, "--s3-endpoint-url", s3_endpoint, *published_place.options()])
    assert code in (ExitCode.FETCH_FAILED, ExitCode.USAGE)
    assert_one_line_error(capsys.readouterr().err, fragment)
    assert sha256_of(published_place.warehouse) == before


def test_s3_unreachable_endpoint(published_place: Place, capsys: pytest.CaptureFixture[str]) -> None:
    before = sha256_of(published_place.warehouse)
    endpoint = f"http://127.0.0.1:{free_port()}"
    code = main([f"s3://{BUCKET}/{KEY}", "--s3-endpoint-url", endpoint, *published_place.options()])
    assert code == ExitCode.FETCH_FAILED
    assert_one_line_error(capsys.readouterr().err, "could not reach", "--s3-endpoint-url")
    assert sha256_of(published_place.warehouse) == before


def test_https_zip_with_credentials_in_the_url(
    web: WebServers, place: Place, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(web.ca_bundle))
    host = web.https.removeprefix("https://")
    url = f"https://reader:{URL_PASSWORD}@{host}/the-movies-dataset.zip?X-Amz-Signature={URL_TOKEN}"
    code = main([url, "--check-only", *place.options()])
    out, err = capsys.readouterr()
    assert code == ExitCode.OK, err
    summary = place.summary()
    assert summary["input"]["source"] == f"https://***@{host}/the-movies-dataset.zip?***"
    assert summary["input"]["archive_member"] == "movies_metadata.csv"
    assert summary["input"]["known_file"] == "sample"
    written = everything_written(place, out, err)
    assert URL_PASSWORD not in written
    assert URL_TOKEN not in written


def test_plain_http_csv(web: WebServers, place: Place) -> None:
    assert main([f"{web.http}/movies_metadata.csv", "--check-only", *place.options()]) == ExitCode.OK
    summary = place.summary()
    assert summary["input"]["kind"] == "http"
    assert summary["input"]["archive_member"] is None
    assert summary["input"]["downloaded_bytes"] == SAMPLE_CSV.stat().st_size


def test_https_with_an_untrusted_certificate(web: WebServers, place: Place, capsys: pytest.CaptureFixture[str]) -> None:
    code = main([f"{web.https}/the-movies-dataset.zip", *place.options()])
    assert code == ExitCode.FETCH_FAILED
    assert_one_line_error(capsys.readouterr().err, "TLS certificate check failed", "REQUESTS_CA_BUNDLE")


def test_http_404(web: WebServers, published_place: Place, capsys: pytest.CaptureFixture[str]) -> None:
    before = sha256_of(published_place.warehouse)
    code = main([f"{web.http}/no-such-file.zip", *published_place.options()])
    assert code == ExitCode.FETCH_FAILED
    assert_one_line_error(capsys.readouterr().err, "HTTP 404", "check the URL")
    assert sha256_of(published_place.warehouse) == before
    assert published_place.summary()["exit_code"] == ExitCode.FETCH_FAILED


def test_http_unreachable(published_place: Place, capsys: pytest.CaptureFixture[str]) -> None:
    before = sha256_of(published_place.warehouse)
    code = main([f"http://127.0.0.1:{free_port()}/the-movies-dataset.zip", *published_place.options()])
    assert code == ExitCode.FETCH_FAILED
    assert_one_line_error(capsys.readouterr().err, "could not reach 127.0.0.1:")
    assert sha256_of(published_place.warehouse) == before


def test_download_larger_than_the_limit(web: WebServers, place: Place, capsys: pytest.CaptureFixture[str]) -> None:
    code = main([f"{web.http}/the-movies-dataset.zip", "--max-input-bytes", "1000", *place.options()])
    assert code == ExitCode.BAD_INPUT
    assert_one_line_error(capsys.readouterr().err, "over the limit of 1,000", "--max-input-bytes")
