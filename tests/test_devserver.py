"""How ``make run`` (python -m koers.web devserver) picks its address; no server is started."""

import os
import socket
import subprocess
import sys

import pytest

from koers.web.devserver import address, ensure_free


def test_default_address():
    assert address({}) == "127.0.0.1:8000"


def test_port_and_host_come_from_the_environment():
    assert address({"PORT": "8001"}) == "127.0.0.1:8001"
    assert address({"HOST": "0.0.0.0", "PORT": " 9000 "}) == "0.0.0.0:9000"
    assert address({"HOST": "::1", "PORT": "8001"}) == "[::1]:8001"


@pytest.mark.parametrize("port", ["acht", "0", "70000", "80.5", "-1"])
def test_a_bad_port_is_refused_in_dutch(port):
    with pytest.raises(SystemExit) as stopped:
        address({"PORT": port})
    assert str(stopped.value).startswith("PORT moet een poortnummer van 1 tot en met 65535 zijn")
    assert f"‘{port}’" in str(stopped.value)


def test_a_port_in_use_is_refused_before_anything_starts():
    with socket.create_server(("127.0.0.1", 0)) as busy:
        port = busy.getsockname()[1]
        with pytest.raises(SystemExit) as stopped:
            ensure_free(f"127.0.0.1:{port}")
    assert "de poort is al in gebruik" in str(stopped.value)


def test_make_run_with_a_bad_port_prints_one_dutch_line_and_no_traceback():
    env = {**os.environ, "PORT": "acht"}
    result = subprocess.run([sys.executable, "-m", "koers.web", "devserver"], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().startswith("PORT moet een poortnummer")
