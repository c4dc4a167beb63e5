"""``guardian say``: read a text aloud, or write it to a WAV file."""

from __future__ import annotations

import argparse
from typing import Any

from guardian.commands.options import fail, words_for
from guardian.core.i18n import Lang, parse_lang


def register(subparsers: Any) -> None:
    """Add the ``say`` subcommand to ``subparsers``."""
    parser = subparsers.add_parser(
        "say",
        help="read a text aloud, or write it to a WAV file",
        description="Read TEXT aloud the way the app does (numbers digit by digit, slow speed).",
    )
    parser.add_argument("--lang", choices=["zh", "en"], default="zh", help="language of TEXT")
    parser.add_argument("--wav", metavar="FILE", help="write the speech to FILE instead")
    parser.add_argument("--engine", default=None, help="espeak, pyttsx3 or auto")
    parser.add_argument("--rate", type=int, default=None, help="words per minute")
    parser.add_argument("text", nargs="+", metavar="TEXT", help="what to read")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Speak or write ``args.text``; return 0 when done, 1 with a reason when impossible.

    The reason is said in the language of the text.
    """
    lang = parse_lang(args.lang)
    text = " ".join(args.text)
    if args.wav:
        from guardian.speech.factory import synthesize_to_wav

        try:
            path = synthesize_to_wav(text, lang, args.wav, rate=args.rate)
        except RuntimeError as error:
            return fail(words_for(lang), "cli.say_cannot_write", 1, error=error)
        print(path)
        return 0
    return _speak(text, lang, args.engine, args.rate)


def _speak(text: str, lang: Lang, engine: str | None, rate: int | None) -> int:
    from PySide6.QtCore import QCoreApplication, QTimer

    from guardian.core.speech_text import for_speech
    from guardian.speech.factory import create_speaker
    from guardian.speech.speaker import NullSpeaker

    if not for_speech(text, lang):
        return 0  # nothing to read
    app = QCoreApplication.instance() or QCoreApplication([])
    speaker = create_speaker(engine, rate=rate)
    problems: list[str] = []
    try:
        if isinstance(speaker, NullSpeaker):
            problems.append(speaker.unavailable_reason)
            return _report(problems, lang)
        speaker.failed.connect(problems.append)
        speaker.finished.connect(app.quit)
        speaker.failed.connect(lambda _reason: QTimer.singleShot(0, app.quit))
        speaker.say(text, lang)
        app.exec()
    finally:
        speaker.shutdown()
    return _report(problems, lang)


def _report(problems: list[str], lang: Lang) -> int:
    if problems:
        return fail(words_for(lang), "cli.say_cannot_speak", 1, reason=problems[0])
    return 0
