"""The pipeline: read -> extract -> detect -> figures -> summarise -> translate, one source at a time."""

from __future__ import annotations

import traceback
from collections.abc import Iterable, Iterator
from dataclasses import replace

from summarize_cli.errors import ExitCode, ModelError, SummarizeError
from summarize_cli.options import Options
from summarize_cli.schema import ErrorInfo, KeyFigure, Result, Summary


def run(source: str, options: Options = Options()) -> Result:
    """Process one source; expected failures come back as ``Result.error``, never raised."""
    try:
        return _run(source, options)
    except SummarizeError as exc:
        return Result(source=source, error=ErrorInfo(exc.code, str(exc), int(exc.exit_code)))
    except KeyboardInterrupt:
        raise
    except Exception as exc:  # a bug: report it for this source and let a batch go on
        return Result(
            source=source,
            error=ErrorInfo("internal", f"internal error: {exc.__class__.__name__}: {exc}", int(ExitCode.FAILURE), traceback.format_exc()),
        )


def run_many(sources: Iterable[str], options: Options = Options()) -> Iterator[Result]:
    """Process sources in order, yielding each result as soon as it is ready."""
    for source in sources:
        yield run(source, options)


def _run(source: str, options: Options) -> Result:
    from summarize_cli.detect import detect_language
    from summarize_cli.extract import extract
    from summarize_cli.figures import find_figures
    from summarize_cli.read import read_source
    from summarize_cli.sentences import split_sentences
    from summarize_cli.summarize import summarize
    from summarize_cli.translate import translate

    # 1. read bytes and decode them
    document = read_source(source, options)
    # 2. extract the article (title apart, boilerplate out)
    article = extract(document, options)
    # 3. detect the language unless --lang says it
    language = options.lang or detect_language(article.text)
    article = replace(article, language=language)
    if options.task == "extract":
        return Result(source=source, article=article, warnings=article.warnings)
    # 4. key figures of the whole article, with their sentences
    spans = split_sentences(article.text, language)
    figures = find_figures(article.text, language, spans)
    if options.task == "figures":
        return Result(source=source, article=article, figures=figures, warnings=article.warnings)
    # 5. summarise in the article's language
    summary = summarize(article, options)
    warnings = list(article.warnings)
    # 6. translate only the summary sentences (a few sentences of decoding, not the whole article)
    translation = None
    try:
        summary, translation = translate(summary, options)
    except ModelError as exc:
        if options.strict:
            raise
        warnings.append(f"{exc}; the summary stays in {language!r}")
    # 7. figures inside the summary sentences, for highlighting
    summary = replace(summary, highlights=_highlights(summary))
    return Result(
        source=source,
        article=article,
        summary=summary,
        figures=figures,
        translation=translation,
        warnings=tuple(warnings),
    )


def _highlights(summary: Summary) -> tuple[tuple[KeyFigure, ...], ...]:
    from summarize_cli.figures import find_figures

    return tuple(find_figures(sentence, summary.language) for sentence in summary.sentences)
