"""Error tree and exit codes shared by every stage."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import IntEnum


class ExitCode(IntEnum):
    """Documented process exit codes (see README, "Exit codes")."""

    OK = 0
    FAILURE = 1  # unexpected internal error (a bug: please report it)
    USAGE = 2  # bad command line (click's own code)
    INPUT = 3  # missing, unreadable, empty, binary or oversized input
    NETWORK = 4  # bad URL, HTTP error, timeout, refused redirect
    NOT_ARTICLE = 5  # input read fine but holds no article text
    MODEL = 6  # model missing or unusable (only fatal with --strict)
    PARTIAL = 7  # several sources: some succeeded, some failed
    INSTALL = 8  # a required package is missing or broken: reinstall (README, "Install")
    OUTPUT = 9  # results cannot be written: disk full, closed stdout, or an output that is an input
    HANGUP = 129  # SIGHUP (the terminal went away): 128 + 1, as shells report it
    INTERRUPTED = 130  # Ctrl-C (SIGINT)
    TERMINATED = 143  # SIGTERM (kill, a service manager, a timeout): 128 + 15


class SummarizeError(Exception):
    """Base of every expected failure: a message for the user and what to do."""

    exit_code: ExitCode = ExitCode.FAILURE
    code: str = "error"

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class InputError(SummarizeError):
    """The source could not be read as text."""

    exit_code = ExitCode.INPUT
    code = "input"


class SourceNotFound(InputError):
    """A file source does not exist."""

    code = "not_found"


class EmptyInput(InputError):
    """The source holds no text at all."""

    code = "empty"


class BinaryInput(InputError):
    """The source is a binary file (PDF, image, archive...)."""

    code = "binary"


class TooLarge(InputError):
    """The source is larger than the size cap."""

    code = "too_large"


class NetworkError(SummarizeError):
    """A URL could not be fetched."""

    exit_code = ExitCode.NETWORK
    code = "network"


class BadUrl(NetworkError):
    """The URL is malformed or uses a scheme other than http/https."""

    code = "bad_url"


class HttpError(NetworkError):
    """The server answered with an HTTP error status."""

    code = "http"


class FetchTimeout(NetworkError):
    """The server did not answer in time."""

    code = "timeout"


class NotAnArticle(SummarizeError):
    """The input was read but no article text could be found in it."""

    exit_code = ExitCode.NOT_ARTICLE
    code = "not_article"


class InstallError(SummarizeError):
    """A package the tool needs cannot be imported: the installation is incomplete or broken."""

    exit_code = ExitCode.INSTALL
    code = "install"


class ModelError(SummarizeError):
    """A model is missing, of the wrong kind, or failed to load or run."""

    exit_code = ExitCode.MODEL
    code = "model"


@contextmanager
def model_failures(model: str, doing: str) -> Iterator[None]:
    """Inside, whatever a model's libraries raise (a corrupt tokenizer, a bad config, an id out of range) is a ModelError."""
    # Back ends fail in ways no list can foresee (RuntimeError from sentencepiece, IndexError from torch...);
    # one boundary turns them all into the error that has a fallback, so a batch keeps its other results.
    try:
        yield
    except SummarizeError:
        raise
    except Exception as exc:  # noqa: BLE001 - see above
        detail = " ".join(str(exc).split())[:300]
        raise ModelError(
            f"model {model} failed while {doing} ({exc.__class__.__name__}: {detail})" if detail else f"model {model} failed while {doing} ({exc.__class__.__name__})",
            "check the model folder, or pull the model again",
        ) from None


class PromptError(ModelError):
    """An instruct prompt template is missing or malformed: the user's own file, so never worked around."""

    code = "prompt"


class ModelNotFound(ModelError):
    """A model is not in the local cache and downloads are not allowed here."""

    code = "model_not_found"


class OutputError(SummarizeError):
    """Results could not be written: a full disk, a closed or failing stream, no permission."""

    exit_code = ExitCode.OUTPUT
    code = "output"


class OutputConflict(OutputError):
    """An output would replace one of the run's inputs, or an existing file without --overwrite."""

    code = "output_conflict"


class PipeClosed(OutputError):
    """The reader of our output went away (``| head``): a normal end, reported by nobody."""

    exit_code = ExitCode.OK
    code = "pipe_closed"


class NoSuchModel(ModelNotFound):
    """The Hub (or the mirror) has no model by that name: for a default model, no model for the language pair."""

    code = "no_such_model"


class Misuse(SummarizeError):
    """A command line (or an API call's specs) that cannot run as given: the CLI shows it as a usage error of ``option``."""

    exit_code = ExitCode.USAGE
    code = "usage"

    def __init__(self, message: str, option: str) -> None:
        super().__init__(message)
        self.option = option


class UnknownLanguage(SummarizeError):
    """A language option that is not an ISO 639-1 code."""

    exit_code = ExitCode.USAGE
    code = "unknown_language"


class Interrupted(KeyboardInterrupt):
    """A stop signal (SIGINT, SIGTERM, SIGHUP): handled like Ctrl-C wherever Ctrl-C is."""

    # A KeyboardInterrupt, not a SummarizeError: every ``except KeyboardInterrupt`` that stops worker
    # threads and keeps finished results must see SIGTERM too, and no ``except Exception`` may swallow it.
    def __init__(self, signum: int, name: str, exit_code: ExitCode) -> None:
        super().__init__(name)
        self.signum = signum
        self.name = name
        self.exit_code = exit_code
