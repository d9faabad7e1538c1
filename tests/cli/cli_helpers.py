"""Running the koers command in-process for the CLI tests (each test runs in its own tmp_path,
see conftest.in_tmp)."""

from koers.cli import main


def run(capsys, *argv):
    """Exit code, standard output and standard error of ``koers *argv``."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err
