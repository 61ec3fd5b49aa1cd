"""The pipeline, for one source or many: 1 read, 2 extract, 3 language and spans, 4 figures, 5 quotes, 6 summarise, 7 translate, 8 highlight."""

from __future__ import annotations

import functools
import itertools
import traceback
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from summarize_cli.errors import ExitCode, ModelError, PromptError, SummarizeError
from summarize_cli.languages import DEFAULT_LANGUAGE
from summarize_cli.options import Options
from summarize_cli.schema import Article, Document, ErrorInfo, InputItem, KeyFigure, Quote, Result, Summary, Translation
from summarize_cli.sources import Source

if TYPE_CHECKING:
    from summarize_cli.cache import ResultCache
    from summarize_cli.feeds import FeedEntry


# Articles whose summaries are translated in one model call: batching is what makes a CPU model fast.
TRANSLATION_CHUNK = 16
# Most sentences of one article that are summarised.
MAX_SENTENCES = 2000
# Most key figures kept per article: a news story has tens; a table or a list of numbers pasted as text
# can have hundreds of thousands, each carrying its sentence (200 MB of JSON for "1,1,1,...").
MAX_FIGURES = 500
# Ends the warning of a summary left untranslated: the CLI shows that warning once per run, not per article.
FALLBACK = "; the summary stays in "


def run(source: Source, options: Options = Options(), *, cache: ResultCache | None = None) -> Result:
    """Process one source; expected failures come back as ``Result.error``, never raised."""
    return next(run_many([source], options, cache=cache))


def run_many(
    sources: Iterable[Source],
    options: Options = Options(),
    *,
    cache: ResultCache | None = None,
    ordered: bool = True,
) -> Iterator[Result]:
    """Process sources, yielding each result when ready (in input order unless ``ordered`` is false).

    URLs are fetched ahead on threads while the CPU works (files are read as needed); summaries of several articles are
    translated together; models are loaded once per process. A feed yields one result per entry.
    """
    return _run_many(sources, options, cache=cache, ordered=ordered, expand_feeds=True)


def _run_many(
    sources: Iterable[Source], options: Options, *, cache: ResultCache | None, ordered: bool, expand_feeds: bool
) -> Iterator[Result]:
    return _Run(options, cache, ordered=ordered, expand_feeds=expand_feeds).results(sources)


@dataclass
class _Lookup:
    """What looking a document up in the cache found: its key, and whether the result came from there."""

    key: str | None = None
    cached: bool = False


@dataclass
class _Pending:
    """A result whose summary waits to be translated with others, and where it goes in the cache."""

    result: Result
    key: str | None


class _Run:
    """One pass over many sources: reads ahead, waits to translate summaries together, and writes the cache."""

    def __init__(
        self, options: Options, cache: ResultCache | None, *, ordered: bool, expand_feeds: bool, fingerprints: dict[str, str] | None = None
    ) -> None:
        self.options = options
        self.cache = cache
        self.ordered = ordered
        # An entry of a feed that is itself a feed is refused: one level only (a feed listing itself would never end).
        self.expand_feeds = expand_feeds
        # Model revisions are looked up once per run, not per article or feed (a local folder's digest stats every file).
        if fingerprints is None:
            fingerprints = {"code": _code_fingerprint(), **_model_fingerprints(options)} if cache is not None else {}
        self.fingerprints = fingerprints
        self.waiting: list[_Pending] = []
        self.chunk = TRANSLATION_CHUNK

    def results(self, sources: Iterable[Source]) -> Iterator[Result]:
        """Each source's result (a feed's: one per entry), in input order unless ``ordered`` is false."""
        # Sources may be a stream (JSONL rows read as they are used): only the first two are looked at here.
        todo = iter(sources)
        head = list(itertools.islice(todo, 2))
        if len(head) == 1:
            self.chunk = 1
        from summarize_cli.readahead import ReadAhead

        # 1. read: URLs fetched ahead on threads while the CPU works on what has come in
        with ReadAhead(self.options) as reader:
            for source, future in reader.stream(itertools.chain(head, todo), self.ordered):
                yield from self._one(source, future)
            yield from self._flush()

    def _one(self, source: Source, future: Future[Document]) -> Iterator[Result]:
        feed = _feed_document(future)
        if feed is not None and not self.expand_feeds:
            yield Result(source=feed.source, error=ErrorInfo("feed_in_feed", f"{feed.source} is a feed inside a feed; give it as a source of its own", int(ExitCode.NOT_ARTICLE)))
            return
        if feed is not None:
            # 1b. a feed stands for its entries: each is fetched and processed as an article
            yield from self._flush()
            yield from self._feed(feed)
            return
        lookup = _Lookup()
        result = _guarded(source, lambda: self._prepare(source, future, lookup))
        if lookup.cached or not result.ok or result.summary is None:
            done = result
            if not lookup.cached:
                self._store(lookup.key, result)
        elif _needs_translation(result, self.options):
            self.waiting.append(_Pending(result, lookup.key))
            if len(self.waiting) >= self.chunk:
                yield from self._flush()
            return
        else:
            done = _guarded(result.source, lambda: self._finish(result, None, lookup.key))
        if self.ordered and self.waiting:
            # Keep input order: what waits for the model goes out first.
            yield from self._flush()
        yield done

    def _prepare(self, source: Source, future: Future[Document], lookup: _Lookup) -> Result:
        """The cached result for this document when there is one, else steps 2-5 run on it."""
        document = future.result()
        if self.cache is not None:
            title = source.title if isinstance(source, InputItem) else None
            lookup.key = _cache_key(document, title, self.options, self.fingerprints)
            hit = self.cache.get(lookup.key)
            if hit is not None:
                lookup.cached = True
                article = replace(hit.article, source=document.source) if hit.article else None
                return replace(hit, source=document.source, article=article)
        return _prepare(source, document, self.options)

    def _store(self, key: str | None, result: Result) -> None:
        """The one place results go into the cache: finished ones only, never a summary left untranslated."""
        if self.cache is None or key is None or not result.ok:
            return
        # a summary left untranslated (no model yet) is not kept: once the model is installed, the next run should use it
        if result.summary is not None and self.options.translate and result.summary.language != self.options.target_lang:
            return
        self.cache.put(key, result)

    def _feed(self, feed: Document) -> Iterator[Result]:
        """Each entry of a feed as an article, in the feed's order; with the cache, entries seen before are not fetched again."""
        from summarize_cli.cache import cache_key
        from summarize_cli.feeds import feed_entries

        options = self.options
        try:
            entries, matched = feed_entries(feed.content, feed.url, feed.source, options.since, options.limit)
        except SummarizeError as exc:
            yield Result(source=feed.source, error=ErrorInfo(exc.code, str(exc), int(exc.exit_code)))
            return
        except Exception as exc:  # noqa: BLE001 - a bug in reading one feed is that feed's error, the run goes on
            yield Result(source=feed.source, error=ErrorInfo("internal", f"internal error: {exc.__class__.__name__}: {exc}", int(ExitCode.FAILURE), traceback.format_exc()))
            return
        capped = f"the feed {feed.source} has {matched:,} entries; only the first {len(entries):,} were taken (see --limit)" if matched > len(entries) and options.limit is None else None
        if not entries:
            what = f"no entry published since {options.since}" if options.since else "no entry with a link"
            yield Result(source=feed.source, error=ErrorInfo("empty_feed", f"the feed {feed.source} has {what}", int(ExitCode.NOT_ARTICLE)))
            return
        keys = [cache_key(f"feed-entry\0{e.key}", options, self.fingerprints, kind="feed-entry") if self.cache is not None else None for e in entries]
        hits: dict[int, Result] = {}
        if self.cache is not None:
            for i, k in enumerate(keys):
                hit = self.cache.get(k) if k is not None else None
                if hit is not None:
                    hits[i] = hit
        # one result per entry, in order: entries are not expanded again
        fresh = _Run(options, self.cache, ordered=True, expand_feeds=False, fingerprints=self.fingerprints).results(e.link for i, e in enumerate(entries) if i not in hits)
        for i, entry in enumerate(entries):
            if i in hits:
                yield hits[i]
                continue
            result = replace(_with_entry(next(fresh), entry), feed=feed.source)
            if capped is not None:
                result, capped = replace(result, warnings=(*result.warnings, capped)), None
            self._store(keys[i], result)
            yield result

    def _flush(self) -> Iterator[Result]:
        """7. translate the waiting summaries, several articles in one call per language, then finish each."""
        if not self.waiting:
            return
        waiting, self.waiting = self.waiting, []
        outcomes = _translate_waiting([p.result for p in waiting], self.options)
        for pending, (result, got) in zip(waiting, outcomes):
            yield _guarded(result.source, functools.partial(self._finish, result, got, pending.key))

    def _finish(self, result: Result, got: tuple[Summary, Translation] | ModelError | None, key: str | None) -> Result:
        assert result.summary is not None and result.article is not None
        summary, translation, warnings = result.summary, None, list(result.warnings)
        if isinstance(got, ModelError):
            if self.options.strict:
                raise got
            warnings.append(f"{got}{FALLBACK}{summary.language!r}")
        elif got is not None:
            from summarize_cli.translate import translation_warnings

            summary, translation = got
            warnings += translation_warnings(translation)
        # 8. figures inside the summary sentences, for highlighting
        summary = replace(summary, highlights=_highlights(summary))
        done = replace(result, summary=summary, translation=translation, warnings=tuple(warnings))
        self._store(key, done)
        return done


def _feed_document(future: Future[Document]) -> Document | None:
    try:
        document = future.result()
    except Exception:  # noqa: BLE001 - reported when the source is processed as usual; Ctrl-C and signals go through
        return None
    return document if document.kind == "feed" else None


def _with_entry(result: Result, entry: FeedEntry) -> Result:
    """The feed's title, date and author where the page gave none."""
    art = result.article
    if art is None:
        return result
    from summarize_cli.metadata import person_names

    authors = art.authors or tuple(person_names(entry.author or ""))
    art = replace(
        art,
        title=art.title or entry.title,
        date=art.date or entry.published,
        authors=authors,
        byline=art.byline or (", ".join(authors) or None),
    )
    return replace(result, article=art)


def _guarded(source: Source, work: Callable[[], Result]) -> Result:
    from summarize_cli.read import redact

    name = source.source if isinstance(source, InputItem) else redact(source)
    try:
        return work()
    except SummarizeError as exc:
        return Result(source=name, error=ErrorInfo(exc.code, str(exc), int(exc.exit_code)))
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # a bug (or RecursionError, MemoryError): report it for this source, go on
        return Result(
            source=name,
            error=ErrorInfo("internal", f"internal error: {exc.__class__.__name__}: {exc}", int(ExitCode.FAILURE), traceback.format_exc()),
        )


def _prepare(source: Source, document: Document, options: Options) -> Result:
    from summarize_cli.extract import extract
    from summarize_cli.figures import find_figures, key_figures, rank_figures
    from summarize_cli.languages import guess_language
    from summarize_cli.quotes import find_quotes
    from summarize_cli.sentences import paragraph_spans, split_sentences
    from summarize_cli.summarize import summarize

    # 2. extract the article (title apart, boilerplate out)
    article = extract(document, options)
    if isinstance(source, InputItem) and source.title and not article.title:
        article = replace(article, title=source.title)
    # 3. detect the language unless --lang says it; paragraphs and sentences are found once, here, for every stage.
    # (The cleaner asked which of its rule sets fits the raw text; this asks what language the clean text is in.)
    language = options.lang or guess_language(article.text)
    article = replace(article, language=language, paragraphs=paragraph_spans(article.text))
    if options.task == "extract":
        return Result(source=document.source, article=article, warnings=article.warnings)
    spans = tuple(split_sentences(article.text, language))
    if len(spans) > MAX_SENTENCES and options.task != "translate":
        # The summariser compares every pair of sentences: bound its work (no news article is this long).
        cut = spans[MAX_SENTENCES - 1][1]
        note = f"the article has {len(spans):,} sentences; only its first {MAX_SENTENCES:,} were used"
        article = replace(article, text=article.text[:cut], paragraphs=paragraph_spans(article.text[:cut]), warnings=(*article.warnings, note))
        spans = spans[:MAX_SENTENCES]
    article = replace(article, sentences=spans)
    if options.task == "translate":
        # 4-7. (translate command) the whole article instead, paragraph by paragraph; a missing model is an error
        return _translate_article(document.source, article, options)
    # 4. key figures of the whole article, with their sentences
    figures = find_figures(article.text, language, list(spans), url=article.url, site=article.site) if options.task != "quotes" else ()
    if len(figures) > MAX_FIGURES:
        note = f"the article has {len(figures):,} figures; only its first {MAX_FIGURES:,} are listed"
        figures = figures[:MAX_FIGURES]
        article = replace(article, warnings=(*article.warnings, note))
    if options.task == "figures":
        return Result(source=document.source, article=article, figures=figures, key_figures=key_figures(figures, options.figures), warnings=article.warnings)
    # 5. direct quotations with their speakers, on the same sentence spans
    quotes = find_quotes(article.text, language, list(spans))
    if options.task == "quotes":
        return Result(source=document.source, article=article, quotes=quotes, key_quotes=tuple(range(len(quotes))), warnings=article.warnings)
    # 6. summarise in the article's language
    try:
        summary = summarize(article, options)
    except ModelError as exc:
        # Like a missing translation model: without --strict, a summary model that cannot run gives way
        # to the extractive summary, with a warning; the article's other results are kept.
        if options.strict or options.summarizer == "extractive" or isinstance(exc, PromptError):
            raise
        summary = summarize(article, replace(options, summarizer="extractive"))
        article = replace(article, warnings=(*article.warnings, f"{exc}; the summary is extractive instead"))
    figures = rank_figures(figures, summary.spans)
    return Result(
        source=document.source, article=article, summary=summary, figures=figures, key_figures=key_figures(figures, options.figures), quotes=quotes,
        key_quotes=_key_quotes(quotes, options.quotes), warnings=article.warnings,
    )


def _key_quotes(quotes: tuple[Quote, ...], limit: int) -> tuple[int, ...]:
    """The quotations a summary shows: the first ones whose speaker is named, then the others, in the article's order."""
    named = [i for i, q in enumerate(quotes) if q.speaker and not (q.pronoun and q.speaker_start is None)]
    rest = [i for i in range(len(quotes)) if i not in named and quotes[i].speaker]
    return tuple(sorted((named + rest)[: max(0, limit)]))


def _translate_article(source: str, article: Article, options: Options) -> Result:
    from summarize_cli.translate import translate_article, translation_warnings

    language = article.language or DEFAULT_LANGUAGE
    if language == options.target_lang:
        return Result(source=source, article=article, warnings=article.warnings)
    # the title in the same model call as the text
    translated, translation = translate_article(replace(article, language=language), options)
    warnings = translated.warnings + tuple(translation_warnings(translation))
    return Result(source=source, article=translated, translation=translation, warnings=warnings)


def _needs_translation(result: Result, options: Options) -> bool:
    return (
        result.summary is not None
        and result.translation is None
        and options.translate
        and result.summary.language != options.target_lang
    )


def _translate_waiting(results: list[Result], options: Options) -> list[tuple[Result, tuple[Summary, Translation] | ModelError]]:
    """Each result with its title, figure labels and quotes translated, and its summary's translation (or why there is none)."""
    from summarize_cli.translate import translate_results

    return translate_results(results, options)


def _highlights(summary: Summary) -> tuple[tuple[KeyFigure, ...], ...]:
    from summarize_cli.figures import find_figures

    return tuple(find_figures(sentence, summary.language) for sentence in summary.sentences)


def _cache_key(document: Document, title: str | None, options: Options, fingerprints: dict[str, str]) -> str:
    from summarize_cli.cache import cache_key

    content = document.content if title is None else f"{title}\n\n{document.content}"
    return cache_key(content, options, fingerprints, document.kind)


@functools.cache
def _code_fingerprint() -> str:
    # Rules, weights and code change results without a version bump (a development checkout, an edited
    # data file): the package folder is fingerprinted like a local model folder.
    from pathlib import Path

    from summarize_cli.cache import folder_digest

    return folder_digest(Path(__file__).resolve().parent)


def _model_fingerprints(options: Options) -> dict[str, str]:
    from summarize_cli.cache import model_fingerprint

    models: dict[str, str] = {}
    if options.task == "summarize" and options.summarizer != "extractive":
        from summarize_cli.summarize import default_summary_model

        models["summary"] = model_fingerprint(options.summary_model or default_summary_model(options.summarizer))
        if options.summarizer == "instruct":
            models["prompt"] = _prompt_fingerprint(options.prompt)
    if options.task in ("summarize", "translate") and options.translate:
        models["translation"] = model_fingerprint(options.translation_model) if options.translation_model else _default_models_fingerprint(options.target_lang)
    return models


def _prompt_fingerprint(prompt: str) -> str:
    # An edited template gives other summaries under the same name: its text is part of the key.
    import hashlib

    from summarize_cli.backends.instruct import template_path, templates_used

    digest = hashlib.sha256()
    for name in templates_used(prompt):
        path = template_path(name)
        try:
            digest.update(path.read_bytes() if path is not None else b"missing")
        except OSError:
            digest.update(b"unreadable")
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def _default_models_fingerprint(target: str) -> str:
    # The article's language (so its default model) is unknown before extraction; the set of default
    # models present for this target language, with their revisions, stands for it.
    from summarize_cli.hub import hf_cache_dir

    root = hf_cache_dir()
    refs = sorted(root.glob(f"models--Helsinki-NLP--opus-mt-*-{target}/refs/*")) if root.is_dir() else []
    return ";".join(f"{p.parent.parent.name}={p.read_text().strip()}" for p in refs) or "none"
